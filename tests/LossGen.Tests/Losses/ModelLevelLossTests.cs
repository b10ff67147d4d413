using System;
using System.Linq;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Training;
using LossGen.Tests.Support;
using LossGen.Training;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Losses;

/// <summary>Losses that own parameters or models, trained with the trainer on a real (tiny) BERT encoder.</summary>
[Collection(SequentialCollection.Name)]
public sealed class ModelLevelLossTests
{
    [Fact]
    public void Contrastive_tension_trains_an_independent_copy_of_the_model()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create(seed: 5);
        using var loss = new ContrastiveTensionLoss(model);
        var copy = Assert.IsType<SentenceTransformer>(loss.CopyModel);
        Assert.NotSame(model, copy);
        Assert.True(allclose(model.Embed(["the cat sat"]), copy.Embed(["the cat sat"])));

        using var trainer = new SentenceTransformerTrainer(model, [loss], totalSteps: 3, new TrainingArguments { LearningRate = 1e-2, WarmupRatio = 0 });
        string[] sentences = TinyBert.Sentences(24);
        var loader = new ContrastiveTensionDataLoader(sentences, batchSize: 4, posNegRatio: 2);
        var reports = trainer.Train([(loader.Select(b => ContrastiveTensionLoss.Collate(b)), loss)]);
        Assert.Equal(3, reports.Count);

        Assert.Contains(loss.named_parameters(), p => p.name.StartsWith("model1.", StringComparison.Ordinal));
        Assert.False(allclose(model.Embed(["the cat sat"]), copy.Embed(["the cat sat"])), "both copies train, from different columns");
    }

    [Fact]
    public void In_batch_contrastive_tension_learns_its_scale_with_the_model()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create(seed: 6);
        using var loss = new ContrastiveTensionLossInBatchNegatives(model);
        float before = loss.LogitScale.item<float>();
        using var trainer = new SentenceTransformerTrainer(model, [loss], totalSteps: 2, new TrainingArguments { LearningRate = 1e-2, WarmupRatio = 0 });
        string[] sentences = TinyBert.Sentences(6);
        // v5.3+: one column, embedded by both copies.
        trainer.Train([(Enumerable.Repeat(new TextBatch([sentences]), 2), loss)]);

        Assert.NotEqual(before, loss.LogitScale.item<float>());
        Assert.Equal(MathF.Log(20), before, 5);
        var error = Assert.Throws<LossInputException>(() => loss.Compute(new TextBatch([sentences, sentences])));
        Assert.Contains("expects 1 text column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_loss_with_named_components_is_trained_on_their_sum_and_logs_each()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create(seed: 9);
        using var loss = new GlobalOrthogonalRegularizationLoss(model, meanWeight: 0.5f, secondMomentWeight: 2f);
        var logs = new LogRecorder();
        using var trainer = new SentenceTransformerTrainer(model, [loss], totalSteps: 2, new TrainingArguments { LearningRate = 1e-3, WarmupRatio = 0, LoggingSteps = 1 });
        trainer.Callbacks.Add(logs);
        var batch = new TextBatch([TinyBert.Sentences(6), TinyBert.Sentences(6, offset: 2)]);
        var reports = trainer.Train([(Enumerable.Repeat(batch, 2), loss)]);

        Assert.Equal(["gor_mean", "gor_second_moment"], reports[0].Components.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(reports[0].Loss, reports[0].Components.Values.Sum(), 5);
        Assert.All(logs.Logs, l => Assert.Equal(l["loss"], l["gor_mean"] + l["gor_second_moment"], 5));
        Assert.Equal(2, logs.Logs.Count);
    }

    [Fact]
    public void EmbedDistill_learns_its_projection_with_the_model_and_saves_it()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create(seed: 10);
        using var loss = new EmbedDistillLoss(model, distanceMetric: EmbedDistillDistance.Mse, projectionDim: 12);
        Assert.Equal(["projection.bias", "projection.weight"], loss.named_parameters().Select(p => p.name).Order(StringComparer.Ordinal));
        Assert.Equal(12, loss.GetConfigDictionary()["projection_dim"]);
        Tensor before = loss.Projection!.weight!.detach().clone();
        using var trainer = new SentenceTransformerTrainer(model, [loss], totalSteps: 2, new TrainingArguments { LearningRate = 1e-2, WarmupRatio = 0 });
        TextBatch batch = EmbedDistillLoss.Collate(TinyBert.Sentences(4).Select((s, i) => new TargetEmbeddingExample([s], Enumerable.Range(0, 12).Select(j => (float)Math.Sin(i + j)).ToArray())).ToArray());
        trainer.Train([(Enumerable.Repeat(batch, 2), loss)]);
        Assert.False(allclose(before, loss.Projection.weight!), "the projection trains with the model");

        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"lossgen-projection-{Guid.NewGuid():N}.safetensors");
        try
        {
            loss.SaveProjection(path);
            using var reloaded = new EmbedDistillLoss(null, projectionDim: 12);
            reloaded.LoadProjection(path);
            Assert.True(allclose(loss.Projection.weight!, reloaded.Projection!.weight!));
            using var unprojected = new EmbedDistillLoss(model);
            Assert.Throws<InvalidOperationException>(() => unprojected.SaveProjection(path));
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Fact]
    public void GlobalOrthogonalRegularizationLoss_refuses_two_zero_weights()
    {
        var error = Assert.Throws<ArgumentException>(() => new GlobalOrthogonalRegularizationLoss(null, meanWeight: 0f, secondMomentWeight: null));
        Assert.Contains("mean_weight or second_moment_weight", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_softmax_classifier_is_trained_together_with_the_model()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create(seed: 7);
        using var loss = new SoftmaxLoss(model, sentenceEmbeddingDimension: 16, numLabels: 3);
        Tensor before = loss.Classifier.weight!.detach().clone();
        using var trainer = new SentenceTransformerTrainer(model, [loss], totalSteps: 20, new TrainingArguments { LearningRate = 1e-2, WarmupRatio = 0 });
        LabeledPairExample[] examples = Enumerable.Range(0, 12).Select(i => new LabeledPairExample(TinyBert.Sentences(1, i)[0], TinyBert.Sentences(1, i + 1)[0], i % 3)).ToArray();
        var reports = trainer.Train([(Enumerable.Repeat(SoftmaxLoss.Collate(examples), 20), loss)]);

        Assert.False(allclose(before, loss.Classifier.weight!));
        Assert.True(reports[^1].Loss < reports[0].Loss, $"loss went from {reports[0].Loss} to {reports[^1].Loss}");
    }

    [Fact]
    public void Matryoshka_samples_n_dims_per_step_largest_first()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create(seed: 8);
        using var inner = new MultipleNegativesRankingLoss(model);
        using var all = new MatryoshkaLoss(model, inner, [16, 8, 4]);
        using var one = new MatryoshkaLoss(model, inner, [16, 8, 4], nDimsPerStep: 1);
        Tensor[] columns = [model.Embed(TinyBert.Sentences(6)), model.Embed(TinyBert.Sentences(6, offset: 2))];

        double total = all.ComputeFromEmbeddings(columns).item<float>();
        double[] single = new[] { 16, 8, 4 }.Select(d => (double)inner.ComputeFromEmbeddings(columns.Select(c => nn.functional.normalize(c.narrow(1, 0, d), dim: -1)).ToArray()).item<float>()).ToArray();
        Assert.Equal(single.Sum(), total, 4);
        for (int trial = 0; trial < 5; trial++)
        {
            double sampled = one.ComputeFromEmbeddings(columns).item<float>();
            Assert.Contains(single, value => Math.Abs(value - sampled) < 1e-4);
        }

        Assert.Throws<ArgumentException>(() => new MatryoshkaLoss(model, inner, [32, 8]));
    }

    private sealed class LogRecorder : ITrainerCallback
    {
        public System.Collections.Generic.List<System.Collections.Generic.IReadOnlyDictionary<string, double>> Logs { get; } = [];

        public void OnLog(TrainerState state, System.Collections.Generic.IReadOnlyDictionary<string, double> logs) => Logs.Add(logs);
    }
}
