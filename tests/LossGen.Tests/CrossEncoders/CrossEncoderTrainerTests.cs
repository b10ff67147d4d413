using System;
using System.IO;
using System.Linq;
using LossGen.CrossEncoders;
using LossGen.CrossEncoders.Evaluation;
using LossGen.CrossEncoders.Losses;
using LossGen.Tests.Support;
using LossGen.Training;
using LossGen;
using Xunit;

namespace LossGen.Tests.CrossEncoders;

/// <summary>
/// A reranker trained from JSON Lines files as the README shows it: pointwise (BinaryCrossEntropyLoss) and listwise
/// (LambdaLoss), evaluated while training, saved as checkpoints, and loaded back with the same scores.
/// </summary>
[Collection(SequentialCollection.Name)]
public sealed class CrossEncoderTrainerTests : IDisposable
{
    private static readonly (string Query, string Positive, string Negative)[] Topics =
    [
        ("how many people live in berlin?", "Berlin has a population of 3,520,031 registered inhabitants.", "New York City is famous for the Metropolitan Museum of Art."),
        ("what is the capital of germany?", "Berlin is the capital of Germany.", "A man is eating a piece of bread."),
        ("who wrote hamlet?", "Hamlet is a tragedy written by William Shakespeare.", "The stock market fell sharply on Monday."),
        ("how tall is mount everest?", "Mount Everest is 8,849 metres high.", "Cats sleep for most of the day."),
    ];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "lossgen-ce-train-" + Guid.NewGuid().ToString("N"));

    public CrossEncoderTrainerTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_reranker_trains_from_json_lines_with_binary_cross_entropy_is_evaluated_saved_and_loaded_back()
    {
        using var leaks = new TensorLeakGuard();
        string data = Path.Combine(_folder, "pairs.jsonl");
        WritePairs(data);
        var evaluator = new CrossEncoderRerankingEvaluator(Topics.Select(t => new RerankingSample(t.Query, [t.Positive], Negatives: [t.Negative])).ToArray(), Name: "dev");

        using CrossEncoder model = CrossEncoder.Load(Path.Combine(GoldenModelFolder, "ce-bert-1label"));
        using var loss = new BinaryCrossEntropyLoss(model);
        var arguments = new TrainingArguments { NumTrainEpochs = 4, BatchSize = 4, LearningRate = 1e-3, OutputDir = Path.Combine(_folder, "run"), SaveSteps = 4, EvalSteps = 4, Seed = 12 };
        SentenceDataset dataset = SentenceDatasets.ReadJsonLines(data);
        float before = WholeDatasetLoss(model, loss, BinaryCrossEntropyLoss.Collate(Topics.SelectMany(t => new[] { new ScoredPairExample(t.Query, t.Positive, 1f), new ScoredPairExample(t.Query, t.Negative, 0f) }).ToArray()));
        using var trainer = new CrossEncoderTrainer(model, dataset, loss, arguments, evaluator);
        var reports = trainer.Train();
        float after = WholeDatasetLoss(model, loss, BinaryCrossEntropyLoss.Collate(Topics.SelectMany(t => new[] { new ScoredPairExample(t.Query, t.Positive, 1f), new ScoredPairExample(t.Query, t.Negative, 0f) }).ToArray()));
        Assert.True(after < before, $"the loss over the data did not fall: {before} before, {after} after");

        Assert.Equal(8, reports.Count);
        Assert.Equal([4, 8], trainer.Evaluation!.History.Select(h => h.Step));
        Assert.Equal(["dev_map", "dev_mrr@10", "dev_ndcg@10"], trainer.Evaluation.History[^1].Metrics.Keys.Order(StringComparer.Ordinal));
        Assert.All(trainer.Evaluation.History[^1].Metrics.Values, v => Assert.InRange(v, 0.5, 1.0));

        (string, string)[] pairs = Topics.Select(t => (t.Query, t.Positive)).ToArray();
        float[][] saved = model.Predict(pairs);
        using CrossEncoder reloaded = CrossEncoder.Load(Path.Combine(_folder, "run", "checkpoint-8", "model"));
        float[][] loaded = reloaded.Predict(pairs);
        Assert.Equal(saved.Select(s => s[0]), loaded.Select(s => s[0]));

        // The folder's model card says how the reranker was trained, as sentence-transformers' cross-encoder card does.
        string final = Path.Combine(_folder, "final");
        model.Save(final);
        string card = File.ReadAllText(Path.Combine(final, "README.md"));
        Assert.Contains("pipeline_tag: text-ranking", card, StringComparison.Ordinal);
        Assert.Contains("- cross-encoder", card, StringComparison.Ordinal);
        Assert.Contains("- **Number of Output Labels:** 1 label", card, StringComparison.Ordinal);
        Assert.Contains("* Size: 8 training samples", card, StringComparison.Ordinal);
        Assert.Contains("* Loss: [<code>BinaryCrossEntropyLoss</code>](https://sbert.net/docs/package_reference/cross_encoder/losses.html#binarycrossentropyloss)", card, StringComparison.Ordinal);
        Assert.Contains("\"activation_fn\": \"torch.nn.modules.linear.Identity\"", card, StringComparison.Ordinal);
        Assert.Contains("- `per_device_train_batch_size`: 4", card, StringComparison.Ordinal);
        Assert.Contains("dev_ndcg@10", card, StringComparison.Ordinal);
        Assert.Contains("#### Cross Encoder Reranking\n\n* Dataset: `dev`\n* Evaluated with [<code>CrossEncoderRerankingEvaluator</code>](https://sbert.net/docs/package_reference/cross_encoder/evaluation.html#sentence_transformers.cross_encoder.evaluation.CrossEncoderRerankingEvaluator)", card.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("| **ndcg@10** |", card, StringComparison.Ordinal);
        Assert.Contains("model = CrossEncoder(\"path/to/this/folder\")", card, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interrupted_run_resumed_from_its_checkpoint_ends_where_the_uninterrupted_run_does()
    {
        using var leaks = new TensorLeakGuard();
        string data = Path.Combine(_folder, "pairs.jsonl");
        WritePairs(data);
        (string, string)[] pairs = Topics.Select(t => (t.Query, t.Positive)).ToArray();
        float[] Run(string output, string? resume)
        {
            using CrossEncoder model = CrossEncoder.Load(Path.Combine(GoldenModelFolder, "ce-bert-1label"));
            using var loss = new BinaryCrossEntropyLoss(model);
            var arguments = new TrainingArguments { NumTrainEpochs = 3, BatchSize = 4, LearningRate = 1e-3, OutputDir = output, SaveSteps = 2, Seed = 5 };
            using var trainer = new CrossEncoderTrainer(model, SentenceDatasets.ReadJsonLines(data), loss, arguments);
            trainer.Train(resumeFromCheckpoint: resume);
            return model.Predict(pairs).Select(s => s[0]).ToArray();
        }

        float[] straight = Run(Path.Combine(_folder, "straight"), null);
        float[] resumed = Run(Path.Combine(_folder, "resumed"), Path.Combine(_folder, "straight", "checkpoint-2"));
        Assert.Equal(straight, resumed);
        Assert.NotNull(RunCheckpoint.GetLastCheckpoint(Path.Combine(_folder, "straight")));
    }

    [Fact]
    public void A_listwise_reranker_trains_from_json_lines_lists()
    {
        using var leaks = new TensorLeakGuard();
        string data = Path.Combine(_folder, "lists.jsonl");
        File.WriteAllLines(data, Topics.Select((t, i) =>
            $$"""{"query": "{{t.Query}}", "docs": ["{{t.Negative}}", "{{t.Positive}}", "{{Topics[(i + 1) % Topics.Length].Negative}}"], "labels": [0, 1, 0]}"""));

        using CrossEncoder model = CrossEncoder.Load(Path.Combine(GoldenModelFolder, "ce-bert-1label"));
        using var loss = new LambdaLoss(model);
        var arguments = new TrainingArguments { NumTrainEpochs = 6, BatchSize = 2, LearningRate = 1e-3, Seed = 3 };
        var all = LambdaLoss.Collate(Topics.Select((t, i) => new QueryDocumentsExample(t.Query, [t.Negative, t.Positive, Topics[(i + 1) % Topics.Length].Negative], [0, 1, 0])).ToArray());
        float before = WholeDatasetLoss(model, loss, all);
        using var trainer = new CrossEncoderTrainer(model, SentenceDatasets.ReadJsonLines(data), loss, arguments);
        var reports = trainer.Train();
        float after = WholeDatasetLoss(model, loss, all);

        Assert.Equal(12, reports.Count);
        Assert.All(reports, r => Assert.True(double.IsFinite(r.Loss)));
        Assert.True(after < before, $"the loss over the data did not fall: {before} before, {after} after");
    }

    [Fact]
    public void A_listwise_loss_refuses_pair_data_naming_the_columns_it_expects()
    {
        string data = Path.Combine(_folder, "pairs.jsonl");
        File.WriteAllLines(data, [$$"""{"query": "q", "document": "d", "label": 1}"""]);
        using CrossEncoder model = CrossEncoder.Load(Path.Combine(GoldenModelFolder, "ce-bert-1label"));
        using var loss = new ListNetLoss(model);
        var error = Assert.Throws<LossInputException>(() => new CrossEncoderTrainer(model, SentenceDatasets.ReadJsonLines(data), loss));
        Assert.Contains("ListNetLoss cannot train on", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_loss_reading_one_logit_refuses_a_model_with_several_labels()
    {
        using CrossEncoder model = CrossEncoder.Load(Path.Combine(GoldenModelFolder, "ce-bert-3labels"));
        var error = Assert.Throws<ArgumentException>(() => new BinaryCrossEntropyLoss(model));
        Assert.Contains("BinaryCrossEntropyLoss expects a model with 1 output label, but got a model with 3 output labels", error.Message, StringComparison.Ordinal);
        using var classes = new CrossEntropyLoss(model);
    }

    private static string GoldenModelFolder => RepositoryPaths.GoldenCrossEncoderModels;

    // Each topic's question with its passage (label 1) and an unrelated one (label 0), as JSON Lines.
    private static void WritePairs(string path) => File.WriteAllLines(path, Topics.SelectMany(t => new[]
    {
        $$"""{"query": "{{t.Query}}", "document": "{{t.Positive}}", "label": 1}""",
        $$"""{"query": "{{t.Query}}", "document": "{{t.Negative}}", "label": 0}""",
    }));

    private static float WholeDatasetLoss(CrossEncoder model, CrossEncoderLoss loss, CrossEncoderBatch batch)
    {
        model.eval();
        using var inference = TorchSharp.torch.no_grad();
        using TorchSharp.torch.Tensor value = loss.Compute(batch);
        return value.item<float>();
    }
}
