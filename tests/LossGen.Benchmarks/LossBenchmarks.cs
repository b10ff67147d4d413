using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using LossGen.SentenceTransformers.Losses;
using static TorchSharp.torch;

namespace LossGen.Benchmarks;

/// <summary>Forward plus backward of each loss on precomputed embeddings (dim 384, 2 threads), as the reference baseline measures it.</summary>
[Config(typeof(InProcessShortRunConfig))]
public class LossBenchmarks
{
    private SentenceLoss _loss = null!;
    private EmbeddingBatch _batch = null!;

    /// <summary>Every case, or those whose name contains one of the comma-separated words in <c>LOSSGEN_BENCH_CASES</c>.</summary>
    public static IEnumerable<LossCase> Cases =>
        System.Environment.GetEnvironmentVariable("LOSSGEN_BENCH_CASES") is { Length: > 0 } filter
            ? LossCase.All.Where(c => filter.Split(',').Any(word => c.Name.Contains(word, System.StringComparison.Ordinal)))
            : LossCase.All;

    [ParamsSource(nameof(Cases))]
    public LossCase Case { get; set; } = null!;

    /// <summary>Batch sizes: 32, 256 and 1024, or the comma-separated list in <c>LOSSGEN_BENCH_BATCHES</c>.</summary>
    public static IEnumerable<int> BatchSizes =>
        (System.Environment.GetEnvironmentVariable("LOSSGEN_BENCH_BATCHES") ?? "32,256,1024").Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture));

    [ParamsSource(nameof(BatchSizes))]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(2);
        manual_seed(0);
        _loss = Case.Create();
        Tensor[] columns = Enumerable.Range(0, Case.Columns).Select(_ => randn(BatchSize, LossCase.Dimension).requires_grad_().DetachFromDisposeScope()).ToArray();
        Tensor[]? guide = Case.Guided ? Enumerable.Range(0, Case.Columns).Select(_ => randn(BatchSize, LossCase.Dimension)).ToArray() : null;
        _batch = new EmbeddingBatch(columns, Case.Labels(BatchSize), guide);
    }

    [Benchmark]
    public float ForwardBackward()
    {
        using var scope = NewDisposeScope();
        foreach (Tensor column in _batch.Columns)
        {
            column.grad?.zero_();
        }

        Tensor loss = _loss.ComputeFromEmbeddings(_batch);
        loss.backward();
        return loss.item<float>();
    }

    [GlobalCleanup]
    public void Cleanup() => _loss.Dispose();
}
