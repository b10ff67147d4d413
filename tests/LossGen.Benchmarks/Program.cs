using System.Linq;
using BenchmarkDotNet.Running;
using LossGen.Benchmarks;

// dotnet run -c Release --project tests/LossGen.Benchmarks                 every loss at batch 32, 256 and 1024
// dotnet run -c Release --project tests/LossGen.Benchmarks -- --filter '*CoSENT*'   BenchmarkDotNet options
// dotnet run -c Release --project tests/LossGen.Benchmarks -- peak          time and peak memory of the batch triplet losses at 1024 and 4096
// dotnet run -c Release --project tests/LossGen.Benchmarks -- encoder-peak  peak memory of a MiniLM training step, MNRL vs its cached twin
// dotnet run -c Release --project tests/LossGen.Benchmarks -- encode        STS-B test encoding, TorchSharp (float32, bfloat16) vs the ONNX export, each in a fresh process
// dotnet run -c Release --project tests/LossGen.Benchmarks -- throughput    CoSENT fine-tuning of MiniLM, quiet and beside a busy core
// dotnet run -c Release --project tests/LossGen.Benchmarks -- rerank        STS-B test pairs through a MiniLM cross-encoder: TorchSharp float32, bfloat16, ONNX
// dotnet run -c Release --project tests/LossGen.Benchmarks -- decoder       a Qwen3-Embedding-0.6B-shaped model: encode and a LoRA step, float32 and bfloat16
// dotnet run -c Release --project tests/LossGen.Benchmarks -- data-parallel  MiniLM fine-tuning, 1 process × 2 threads vs 2 processes × 1 thread under mpirun
// dotnet run -c Release --project tests/LossGen.Benchmarks -- data-parallel-overlap  2 ranks: backward pass and gradient all-reduce, one after the other and at once
return args.FirstOrDefault() switch
{
    "peak" => PeakMemory.RunAll(
        ["BatchAllTripletLoss[eucledian_distance]", "BatchAllTripletLoss[cosine_distance]", "BatchSemiHardTripletLoss[eucledian_distance]", "BatchSemiHardTripletLoss[cosine_distance]"],
        [1024, 4096]),
    "peak-one" => PeakMemory.RunOne(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)),
    "encoder-peak" => EncoderPeakMemory.RunAll([32, 128, 512]),
    "token-budget" => TokenBudgetPeakMemory.RunAll(),
    "token-budget-one" => TokenBudgetPeakMemory.RunOne(args[1]),
    "encode" => EncodeThroughput.RunAll(rounds: 2),
    "encode-one" => EncodeThroughput.RunOne(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)),
    "throughput" => TrainingThroughput.RunAll(rounds: 2),
    "throughput-one" => TrainingThroughput.RunOne(),
    "decoder" => DecoderModelBenchmark.RunAll(),
    "data-parallel" => DataParallelThroughput.RunAll(rounds: 2),
    "data-parallel-overlap" => DataParallelOverlap.RunAll(rounds: 2),
    "data-parallel-overlap-one" => DataParallelOverlap.RunOne(args[1]),
    "data-parallel-one" => DataParallelThroughput.RunOne(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)),
    "decoder-one" => DecoderModelBenchmark.RunOne(args[1], args[2]),
    "rerank" => RerankThroughput.RunAll(rounds: 2),
    "rerank-one" => RerankThroughput.RunOne(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)),
    "encoder-peak-one" => EncoderPeakMemory.RunOne(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(LossBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args);
    return 0;
}
