using System;
using System.Linq;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// MatryoshkaLoss: trains embeddings that stay good when truncated, by applying the wrapped loss to the first
/// <c>d</c> dimensions (L2-normalised) for each of <c>matryoshka_dims</c>, weighted. Gradient-cached losses cannot be wrapped.
/// </summary>
[Loss]
[Wraps(Refuses = LossTraits.GradientCached)]
[Citation("""
@misc{kusupati2024matryoshka,
    title={Matryoshka Representation Learning},
    author={Aditya Kusupati and Gantavya Bhatt and Aniket Rege and Matthew Wallingford and Aditya Sinha and Vivek Ramanujan and William Howard-Snyder and Kaifeng Chen and Sham Kakade and Prateek Jain and Ali Farhadi},
    year={2024},
    eprint={2205.13147},
    archivePrefix={arXiv},
    primaryClass={cs.LG}
}
""")]
public sealed partial class MatryoshkaLoss
{
    /// <summary>The truncation sizes, each &gt; 0 (<c>matryoshka_dims</c>); applied largest first.</summary>
    [HyperParameter]
    public partial int[] MatryoshkaDims { get; }

    /// <summary>One weight per dimension, or <c>null</c> for all 1 (<c>matryoshka_weights</c>).</summary>
    [HyperParameter(null)]
    public partial float[]? MatryoshkaWeights { get; }

    /// <summary>How many dimensions to sample per step; −1 uses all (<c>n_dims_per_step</c>).</summary>
    [HyperParameter(-1)]
    public partial int NDimsPerStep { get; }

    private (int Dim, float Weight)[] _schedule = [];

    partial void OnCreated()
    {
        if (MatryoshkaDims.Length == 0)
        {
            throw new ArgumentException($"{nameof(MatryoshkaLoss)}: matryoshka_dims needs at least one dimension.", "matryoshkaDims");
        }

        if (MatryoshkaDims.Any(d => d <= 0))
        {
            throw new ArgumentException($"{nameof(MatryoshkaLoss)}: every dimension in matryoshka_dims must be > 0; got [{string.Join(", ", MatryoshkaDims)}].", "matryoshkaDims");
        }

        if (MatryoshkaDims.Distinct().Count() != MatryoshkaDims.Length)
        {
            throw new ArgumentException($"{nameof(MatryoshkaLoss)}: matryoshka_dims [{string.Join(", ", MatryoshkaDims)}] names a dimension twice.", "matryoshkaDims");
        }

        float[] weights = MatryoshkaWeights ?? Enumerable.Repeat(1f, MatryoshkaDims.Length).ToArray();
        if (weights.Length != MatryoshkaDims.Length)
        {
            throw new ArgumentException($"{nameof(MatryoshkaLoss)}: matryoshka_weights has {weights.Length} weights for the {MatryoshkaDims.Length} matryoshka_dims.", "matryoshkaWeights");
        }

        if (weights.Any(w => !float.IsFinite(w) || w < 0))
        {
            throw new ArgumentException($"{nameof(MatryoshkaLoss)}: matryoshka_weights must be finite and non-negative; got [{string.Join(", ", weights)}].", "matryoshkaWeights");
        }

        if (Model?.EmbeddingDimension is int modelDimension && MatryoshkaDims.Any(d => d > modelDimension))
        {
            throw new ArgumentException($"{nameof(MatryoshkaLoss)}: matryoshka_dims [{string.Join(", ", MatryoshkaDims)}] exceed the model's embedding dimension of {modelDimension}.", "matryoshkaDims");
        }

        _schedule = MatryoshkaDims.Zip(weights).OrderByDescending(p => p.First).ToArray();
    }

    [LossMath]
    private Tensor Compute(EmbeddingBatch batch)
    {
        long dimension = batch.Columns[0].shape[1];
        (int Dim, float Weight)[] steps = NDimsPerStep > 0 && NDimsPerStep < _schedule.Length
            ? _schedule.Select((step, index) => (step, index)).OrderBy(_ => Random.Shared.Next()).Take(NDimsPerStep).OrderBy(p => p.index).Select(p => p.step).ToArray()
            : _schedule;
        Tensor? total = null;
        foreach ((int dim, float weight) in steps)
        {
            if (dim > dimension)
            {
                throw new LossInputException($"{nameof(MatryoshkaLoss)}: matryoshka_dims holds {dim}, which exceeds the embeddings' dimension {dimension}.");
            }

            Tensor[] truncated = batch.Columns.Select(c => F.normalize(c.narrow(1, 0, dim), p: 2, dim: -1)).ToArray();
            Tensor? labels = batch.Labels is { } l && l.dim() == 2 && l.shape[1] == dimension ? l.narrow(1, 0, dim) : batch.Labels;
            Tensor term;
            try
            {
                term = Loss.ComputeFromEmbeddings(batch with { Columns = truncated, Labels = labels }).mul(weight);
            }
            catch (LossInputException e)
            {
                // The inner loss names itself only; say where it ran.
                throw new LossInputException($"{nameof(MatryoshkaLoss)} at dimension {dim} of matryoshka_dims: {e.Message}", e);
            }

            total = total is null ? term : total.add(term);
        }

        return total!;
    }
}
