namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// CoSENTLoss: ranks the scaled pair similarities so that pairs with higher gold scores score higher,
/// <c>log(1 + Σ_{y_i &lt; y_j} exp(s_i − s_j))</c>. A drop-in, usually better, replacement for CosineSimilarityLoss.
/// </summary>
[Loss]
[RequiresInput(InputKind.ScoredPair)]
[Pairing(Pairing.Pairwise)]
[Objective(Objective.CoSent)]
[Citation("""
@article{10531646,
    author={Huang, Xiang and Peng, Hao and Zou, Dongcheng and Liu, Zhiwei and Li, Jianxin and Liu, Kay and Wu, Jia and Su, Jianlin and Yu, Philip S.},
    journal={IEEE/ACM Transactions on Audio, Speech, and Language Processing},
    title={CoSENT: Consistent Sentence Embedding via Similarity Ranking},
    year={2024},
    doi={10.1109/TASLP.2024.3402087}
}
""")]
public sealed partial class CoSENTLoss
{
    /// <summary>The factor applied to similarities before ranking (<c>scale</c>); 20 corresponds to a temperature of 0.05.</summary>
    [Scale(20)]
    public partial float Scale { get; }

    /// <summary>The pairwise similarity (<c>similarity_fct</c>).</summary>
    [Similarity(SimilarityFunction.PairwiseCosSim)]
    public partial SimilarityFunction SimilarityFct { get; }
}
