using System;
using System.IO;
using System.Linq;
using LossGen.Export;
using LossGen.OnnxRuntime;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Export;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Pretrained;
using LossGen.SentenceTransformers.Training;
using LossGen.Tests.Support;
using LossGen.Training;
using Xunit;

namespace LossGen.Tests.Export;

/// <summary>The export command as the README gives it, and a fine-tuned all-MiniLM-L6-v2 through export and ONNX Runtime.</summary>
[Collection(SequentialCollection.Name)]
public sealed class ExportSampleTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lossgen-export-sample").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_export_command_writes_a_file_ONNX_Runtime_runs_and_prints_the_parity()
    {
        string output = Path.Combine(_folder, "dense", "model.onnx");
        (int code, string printed) = SampleProcesses.Run("Export", $"--model \"{Path.Combine(RepositoryPaths.GoldenModels, "bert-dense")}\" --output \"{output}\"", TimeSpan.FromMinutes(2));

        Assert.True(code == 0, printed);
        Assert.Contains("max abs difference", printed, StringComparison.Ordinal);
        Assert.True(File.Exists(output));
        Assert.True(File.Exists(Path.Combine(_folder, "dense", "vocab.txt")));
    }

    [Fact]
    public void An_unknown_option_prints_the_usage_and_exits_2()
    {
        (int code, string printed) = SampleProcesses.Run("Export", "--model", TimeSpan.FromMinutes(1));
        Assert.Equal(2, code);
        Assert.Contains("Usage:", printed, StringComparison.Ordinal);
        Assert.Contains("--output", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fine_tuned_all_MiniLM_L6_v2_exports_to_the_same_embeddings()
    {
        using SentenceTransformer model = AllMiniLmL6V2.Load();
        using var loss = new MultipleNegativesRankingLoss(model);
        using var trainer = new SentenceTransformerTrainer(model, [loss], totalSteps: 2, new TrainingArguments { LearningRate = 1e-4, WarmupRatio = 0 });
        PairExample[] pairs = [new("capital of France", "Paris is the capital of France."), new("largest ocean", "The Pacific is the largest ocean."), new("tallest mountain", "Everest is the highest mountain.")];
        trainer.Step(loss, MultipleNegativesRankingLoss.Collate(pairs));
        trainer.Step(loss, MultipleNegativesRankingLoss.Collate(pairs));

        string path = Path.Combine(_folder, "minilm", "model.onnx");
        OnnxExporter.Export(model, path);
        using OnnxSentenceEncoder encoder = OnnxSentenceEncoder.Load(path);
        string[] texts = pairs.SelectMany(p => new[] { p.Anchor, p.Positive }).ToArray();
        float[][] onnx = encoder.Embed(texts);
        using TorchSharp.torch.Tensor ours = model.Embed(texts);
        double difference = Enumerable.Range(0, texts.Length).Max(i => ours[i].data<float>().ToArray().Zip(onnx[i], (a, b) => Math.Abs(a - b)).Max());
        Assert.True(difference <= 1e-5, $"the fine-tuned model's ONNX export differs by {difference:G3}.");
    }
}
