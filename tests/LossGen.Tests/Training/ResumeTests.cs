using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Training;
using LossGen.Tests.Support;
using LossGen.Training;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Training;

/// <summary>A run interrupted mid-way and resumed from its last checkpoint ends exactly where an uninterrupted run ends.</summary>
[Collection(SequentialCollection.Name)]
public sealed class ResumeTests : IDisposable
{
    private const int Steps = 8;
    private readonly string _folder = Directory.CreateTempSubdirectory("lossgen-resume").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_resumed_run_matches_an_uninterrupted_one()
    {
        using var leaks = new TensorLeakGuard();
        Dictionary<string, Tensor> uninterrupted = Run(checkpoint: null, interruptAfter: null);

        string checkpoint = Path.Combine(_folder, "checkpoint");
        var crash = Assert.Throws<InvalidOperationException>(() => Run(checkpoint, interruptAfter: 5));
        Assert.Equal("interrupted", crash.Message);
        Assert.True(Directory.Exists(checkpoint));
        Assert.Single(Directory.GetDirectories(_folder));

        using SentenceTransformer model = TrainingCheckpoint.LoadModel(checkpoint);
        using var loss = new MultipleNegativesRankingLoss(model);
        using var trainer = new SentenceTransformerTrainer(model, [loss], Steps, new TrainingArguments { LearningRate = 1e-3 });
        TrainingCheckpoint.Restore(trainer, checkpoint);
        Assert.Equal(3, trainer.CompletedSteps);
        IReadOnlyList<StepReport> resumed = trainer.Train([(Batches(), loss)]);

        Assert.Equal(Enumerable.Range(3, Steps - 3), resumed.Select(r => r.Step));
        foreach ((string name, TorchSharp.Modules.Parameter parameter) in model.Transformer.named_parameters())
        {
            Assert.True(allclose(parameter, uninterrupted[name], rtol: 1e-5, atol: 1e-7), $"{name} differs after resuming");
        }

        foreach (Tensor tensor in uninterrupted.Values)
        {
            tensor.Dispose();
        }
    }

    // Trains the tiny model (dropout on) for all steps, checkpointing every third step; throws after a given step.
    private static Dictionary<string, Tensor> Run(string? checkpoint, int? interruptAfter)
    {
        using SentenceTransformer model = TinyBert.Create(seed: 11, dropout: 0.1);
        using var loss = new MultipleNegativesRankingLoss(model);
        using var trainer = new SentenceTransformerTrainer(model, [loss], Steps, new TrainingArguments { LearningRate = 1e-3 });
        trainer.Train([(Batches(), loss)], report =>
        {
            if (report.Step + 1 == interruptAfter)
            {
                throw new InvalidOperationException("interrupted");
            }
        }, checkpoint, checkpointEvery: 3);
        return model.Transformer.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone().DetachFromDisposeScope());
    }

    private static IEnumerable<TextBatch> Batches() =>
        Enumerable.Range(0, Steps).Select(s => new TextBatch([TinyBert.Sentences(6, offset: s), TinyBert.Sentences(6, offset: s + 1)]));
}
