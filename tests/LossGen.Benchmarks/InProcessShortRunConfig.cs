using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace LossGen.Benchmarks;

/// <summary>
/// Short runs (3 warm-ups, 3 measured iterations) in process: the benchmark runs on this application's build output,
/// where libtorch is present and patched, and the whole catalogue finishes in minutes. On a noisy shared machine,
/// <c>LOSSGEN_BENCH_ITERATIONS=15</c> measures more iterations, and the median column resists outliers.
/// </summary>
public sealed class InProcessShortRunConfig : ManualConfig
{
    public InProcessShortRunConfig()
    {
        int iterations = int.TryParse(System.Environment.GetEnvironmentVariable("LOSSGEN_BENCH_ITERATIONS"), out int n) && n > 0 ? n : 3;
        AddJob(Job.ShortRun.WithIterationCount(iterations).WithToolchain(InProcessEmitToolchain.Instance));
        AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median);
        AddDiagnoser(MemoryDiagnoser.Default);
        WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(60));
    }
}
