using LossGen;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace CustomLoss;

/// <summary>
/// Supervised contrastive loss (Khosla et al., 2020), which the grammar has no rule for: each anchor is pulled towards
/// every other example of its label against all the others of the batch,
/// <c>−mean over positives p of log(exp(s(a, p) / τ) / Σ_{k ≠ a} exp(s(a, k) / τ))</c>. The math is a
/// <c>[LossMath]</c> method; the generator still writes the constructor, validation, collation and metadata, and the
/// declared pairing tells the analyzers that a batch of one teaches nothing.
/// </summary>
[Loss]
[RequiresInput(InputKind.LabeledText)]
[Pairing(Pairing.InBatchNegatives)]
public sealed partial class SupervisedContrastiveLoss
{
    /// <summary>The softmax temperature τ (<c>temperature</c>).</summary>
    [Temperature(0.1)]
    public partial float Temperature { get; }

    [LossMath]
    private Tensor Compute(Tensor embeddings, Tensor labels)
    {
        long batch = embeddings.shape[0];
        Tensor self = eye(batch, dtype: ScalarType.Bool, device: embeddings.device);
        // logits [B, B] = cos_sim / τ; an anchor is never its own candidate (a large negative, not −∞, keeps gradients finite).
        Tensor logits = Similarities.CosSim(embeddings, embeddings).div(Temperature).masked_fill(self, -1e9);
        Tensor positives = labels.unsqueeze(1).eq(labels.unsqueeze(0)).logical_and(self.logical_not());
        Tensor logProbabilities = F.log_softmax(logits, 1).masked_fill(positives.logical_not(), 0);
        Tensor counts = positives.sum(1);
        // Anchors whose label has no other example in the batch have nothing to be pulled towards: they add 0 and are
        // not counted, and a batch without any positive pair gives 0 rather than the NaN of an empty mean.
        Tensor anchored = counts.gt(0).to(embeddings.dtype);
        Tensor perAnchor = logProbabilities.sum(1).neg().div(counts.clamp_min(1));
        return perAnchor.mul(anchored).sum().div(anchored.sum().clamp_min(1));
    }
}
