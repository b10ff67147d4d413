using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Serialization;
using LossGen.SentenceTransformers.Training;
using LossGen.Serialization;
using LossGen.Tests.Support;
using LossGen.Training;
using Xunit;

namespace LossGen.Tests.Training;

[Collection(SequentialCollection.Name)]
public sealed class TrainingArgumentsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lossgen-args-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Gradient_accumulation_over_two_half_batches_equals_one_full_batch_of_a_mean_loss()
    {
        using var leaks = new TensorLeakGuard();
        SentenceDataset dataset = Scored(10);
        (StepReport[] Reports, float[] Weights) Run(int batchSize, int accumulation, int? maxSteps)
        {
            using SentenceTransformer model = TinyBert.Create(seed: 4);
            using var loss = new CosineSimilarityLoss(model);
            using var trainer = new SentenceTransformerTrainer(model, dataset, loss, new TrainingArguments { BatchSize = batchSize, GradientAccumulationSteps = accumulation, LearningRate = 1e-3, Seed = 3, MaxSteps = maxSteps });
            Assert.Equal(maxSteps ?? 3, trainer.TotalSteps);
            StepReport[] reports = trainer.Train().ToArray();
            return (reports, model.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray());
        }

        // 10 rows: batches of 4, 4, 2, or of 2 accumulated in groups of 2, 2, 1: the same rows in the same steps.
        StepReport[] full = Run(4, 1, null).Reports, accumulated = Run(2, 2, null).Reports;
        Assert.Equal(full.Select(r => r.Loss), accumulated.Select(r => r.Loss), (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Equal(full.Select(r => r.GradNormBeforeClip), accumulated.Select(r => r.GradNormBeforeClip), (a, b) => Math.Abs(a - b) < 1e-5 * a);
        // After one step (lr 1e-3, no warmup) the weights agree to float precision but where Adam normalises a gradient
        // that is zero but for rounding (there m / (√v + ε) of two rounding errors can differ by up to one lr): almost
        // every weight agrees to 1e-6 and none is off by more than the step size.
        float[] fullWeights = Run(4, 1, 1).Weights, accumulatedWeights = Run(2, 2, 1).Weights;
        double[] differences = fullWeights.Zip(accumulatedWeights, (a, b) => (double)Math.Abs(a - b)).ToArray();
        Assert.True(differences.Count(d => d > 1e-6) < differences.Length / 100, $"{differences.Count(d => d > 1e-6)} of {differences.Length} weights differ by more than 1e-6");
        Assert.True(differences.Max() <= 1e-3, $"largest difference {differences.Max()}");
    }

    [Fact]
    public void Warmup_steps_take_precedence_over_the_warmup_ratio()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create(seed: 4);
        using var loss = new CosineSimilarityLoss(model);
        using var trainer = new SentenceTransformerTrainer(model, Scored(16), loss, new TrainingArguments { BatchSize = 2, WarmupSteps = 4, WarmupRatio = 0.5, LearningRate = 1e-3 });
        double[] rates = trainer.Train().Select(r => r.LearningRate).ToArray();
        Assert.Equal([0, 2.5e-4, 5e-4, 7.5e-4, 1e-3], rates.Take(5), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void Callbacks_see_the_run_logs_come_every_logging_steps_and_only_the_newest_checkpoints_are_kept()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create(seed: 5);
        using var loss = new CosineSimilarityLoss(model);
        var evaluator = DevEvaluator();
        var arguments = new TrainingArguments { BatchSize = 2, LoggingSteps = 2, EvalSteps = 3, OutputDir = _folder, SaveSteps = 2, SaveTotalLimit = 2 };
        using var trainer = new SentenceTransformerTrainer(model, Scored(10), loss, arguments, evaluator);
        var callback = new RecordingCallback();
        trainer.Callbacks.Add(callback);

        IReadOnlyList<StepReport> reports = trainer.Train();

        Assert.Equal(["begin", "step 1", "step 2", "log 2", "save 2", "step 3", "evaluate 3", "step 4", "log 4", "save 4", "step 5", "log 5", "evaluate 5", "save 5", "end"], callback.Events);
        Assert.Equal(reports.Skip(2).Take(2).Average(r => r.Loss), callback.Logs[1]["loss"], 12);
        Assert.Equal(1.0, callback.Logs[^1]["epoch"], 12);
        Assert.Equal(["checkpoint-4", "checkpoint-5"], Directory.GetDirectories(_folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_run_resumed_from_a_checkpoint_folder_ends_where_the_uninterrupted_run_ends()
    {
        using var leaks = new TensorLeakGuard();
        var arguments = new TrainingArguments { BatchSize = 2, OutputDir = _folder, SaveSteps = 2, LearningRate = 1e-3, Seed = 9 };
        double[] Train(string? resume)
        {
            using SentenceTransformer model = TinyBert.Create(seed: 6, dropout: 0.1);
            using var loss = new CosineSimilarityLoss(model);
            using var trainer = new SentenceTransformerTrainer(model, Scored(10), loss, arguments);
            return trainer.Train(resumeFromCheckpoint: resume).Select(r => r.Loss).ToArray();
        }

        double[] whole = Train(null);
        double[] resumed = Train(Path.Combine(_folder, "checkpoint-2"));
        Assert.Equal(whole.Skip(2), resumed);
    }

    [Fact]
    public void Prompts_are_prepended_per_column_and_refused_when_pooling_leaves_prompts_out()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create(seed: 1);
        using var loss = new CosineSimilarityLoss(model);
        var prompts = TrainingPrompts.ForColumns(new Dictionary<string, string> { ["sentence1"] = "query: " });
        var plan = TrainingPlan.Create(model, TrainingPlan.Single(Scored(4), loss), new TrainingArguments { Prompts = prompts });
        Assert.Equal("query: " + TinyBert.Sentences(4)[0], plan.Sources[0].Examples[0].Texts[0]);
        Assert.Equal(TinyBert.Sentences(4, 3)[0], plan.Sources[0].Examples[0].Texts[1]);

        using var excluding = new SentenceTransformer(model.Transformer, model.Tokenizer, model.Options with { IncludePrompt = false }, []);
        var error = Assert.Throws<ArgumentException>(() => new SentenceTransformerTrainer(excluding, Scored(4), loss, new TrainingArguments { Prompts = prompts }));
        Assert.Contains("include_prompt", error.Message);
    }

    [Fact]
    public void Several_datasets_train_each_with_its_own_loss_and_mismatched_names_are_refused()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create(seed: 2);
        using var scored = new CosineSimilarityLoss(model);
        using var pairs = new MultipleNegativesRankingLoss(model);
        var datasets = new Dictionary<string, SentenceDataset> { ["sts"] = Scored(8), ["pairs"] = Scored(6).Select("sentence1", "sentence2") };
        var losses = new Dictionary<string, SentenceLoss> { ["sts"] = scored, ["pairs"] = pairs };
        using var trainer = new SentenceTransformerTrainer(model, datasets, losses, new TrainingArguments { BatchSize = 2, MultiDatasetBatchSampler = MultiDatasetBatchSamplers.RoundRobin });
        Assert.Equal(6, trainer.TotalSteps);
        Assert.Equal(6, trainer.Train().Count);

        var error = Assert.Throws<ArgumentException>(() => new SentenceTransformerTrainer(model, datasets, new Dictionary<string, SentenceLoss> { ["sts"] = scored }, null));
        Assert.Contains("unmatched: [pairs]", error.Message);
    }

    [Fact]
    public void The_saved_model_card_says_how_the_model_was_trained()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create(seed: 3);
        using var loss = new CoSENTLoss(model);
        var evaluator = DevEvaluator();
        using (var trainer = new SentenceTransformerTrainer(model, Scored(8), loss, new TrainingArguments { BatchSize = 4, LearningRate = 1e-3, NumTrainEpochs = 2, LoggingSteps = 2 }, evaluator))
        {
            trainer.Train();
        }

        string folder = Path.Combine(_folder, "model");
        ModelFolder.Save(model, folder);
        string card = File.ReadAllText(Path.Combine(folder, "README.md"));

        Assert.Contains("## Training Details", card);
        Assert.Contains("* Size: 8 training samples", card);
        Assert.Contains("* Columns: <code>sentence1</code>, <code>sentence2</code>, and <code>score</code>", card);
        Assert.Contains("[<code>CoSENTLoss</code>]", card);
        Assert.Contains("\"scale\": 20", card);
        Assert.Contains("- `learning_rate`: 0.001", card);
        Assert.Contains("- `weight_decay`: 0.0", card);
        Assert.Contains("- `max_grad_norm`: 1.0", card);
        Assert.Contains("- `num_train_epochs`: 2", card);
        // The log shows each evaluator's primary metric, as sentence-transformers' card does.
        Assert.Contains("| Epoch | Step | Training Loss | sts-dev_spearman_cosine |", card);
        Assert.DoesNotContain("sts-dev_pearson_cosine", card);
        Assert.Contains("| 2.0000 | 4 |", card);
        Assert.Contains("- LossGen: ", card);
    }

    // sentence-transformers' Evaluation section: each evaluator's latest metrics, the primary one in bold, evaluators of
    // one kind with the same metrics in one table with a column per dataset; a sequence's members shown apart.
    [Fact]
    public void The_model_card_shows_each_evaluators_latest_metrics_grouped_by_kind()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create(seed: 3);
        using var loss = new CoSENTLoss(model);
        var evaluator = new LossGen.SentenceTransformers.Evaluation.SequentialEvaluator(
        [
            DevEvaluator(),
            new LossGen.SentenceTransformers.Evaluation.EmbeddingSimilarityEvaluator(TinyBert.Sentences(6, 30), TinyBert.Sentences(6, 33), [0.2, 0.4, 0.9, 0.1, 0.6, 0.3], "sts-test"),
            new LossGen.SentenceTransformers.Evaluation.TripletEvaluator(TinyBert.Sentences(4, 40), TinyBert.Sentences(4, 41), TinyBert.Sentences(4, 47), "triplets"),
        ]);
        using (var trainer = new SentenceTransformerTrainer(model, Scored(8), loss, new TrainingArguments { BatchSize = 4, LearningRate = 1e-3 }, evaluator))
        {
            trainer.Train();
            IReadOnlyDictionary<string, double> last = trainer.Evaluation!.History[^1].Metrics;
            Assert.Equal(["Semantic Similarity", "Semantic Similarity", "Triplet"], model.ModelCardData.Evaluations.Select(e => e.Description));
            Assert.Equal(last["sts-test_spearman_cosine"], model.ModelCardData.Evaluations[1].Metrics.Single(m => m.Key == "spearman_cosine").Value);
        }

        string folder = Path.Combine(_folder, "evaluated");
        ModelFolder.Save(model, folder);
        string card = File.ReadAllText(Path.Combine(folder, "README.md")).ReplaceLineEndings("\n");

        Assert.Contains("## Evaluation\n\n### Metrics\n\n#### Semantic Similarity\n\n* Datasets: `sts-dev` and `sts-test`\n* Evaluated with [<code>EmbeddingSimilarityEvaluator</code>](https://sbert.net/docs/package_reference/sentence_transformer/evaluation.html#sentence_transformers.sentence_transformer.evaluation.EmbeddingSimilarityEvaluator)\n", card, StringComparison.Ordinal);
        Assert.Matches(@"\| Metric +\| sts-dev +\| sts-test +\|\n\|:-+\|:-+\|:-+\|\n\| pearson_cosine +\| -?\d\.\d+ +\| -?\d\.\d+ +\|\n\| \*\*spearman_cosine\*\* \| \*\*-?\d\.\d+\*\* +\| \*\*-?\d\.\d+\*\* +\|\n", card);
        Assert.Contains("#### Triplet\n\n* Dataset: `triplets`\n* Evaluated with [<code>TripletEvaluator</code>]", card, StringComparison.Ordinal);
        Assert.Matches(@"\| \*\*cosine_accuracy\*\* \| \*\*(0|1)\.\d+\*\* +\|", card);
        Assert.True(card.IndexOf("## Evaluation", StringComparison.Ordinal) < card.IndexOf("## Training Details", StringComparison.Ordinal));
        // The front matter carries the results for the Hub, as huggingface_hub's model-index.
        string front = card[..card.IndexOf("\n---\n", 4, StringComparison.Ordinal)];
        Assert.Contains("metrics:\n- pearson_cosine\n- spearman_cosine\n- cosine_accuracy\nmodel-index:\n- name: SentenceTransformer\n  results:\n", front, StringComparison.Ordinal);
        Assert.Contains("  - task:\n      type: semantic-similarity\n      name: Semantic Similarity\n    dataset:\n      name: sts test\n      type: sts-test\n    metrics:\n    - type: pearson_cosine\n      value: ", front, StringComparison.Ordinal);
        Assert.Contains("      name: Spearman Cosine\n", front, StringComparison.Ordinal);
        Assert.Contains("  - task:\n      type: triplet\n      name: Triplet\n", front, StringComparison.Ordinal);
    }

    private static LossGen.SentenceTransformers.Evaluation.EmbeddingSimilarityEvaluator DevEvaluator() =>
        new(TinyBert.Sentences(6, 20), TinyBert.Sentences(6, 23), [0.9, 0.1, 0.5, 0.7, 0.2, 0.8], "sts-dev");

    private static SentenceDataset Scored(int rows) => SentenceDataset.FromColumns(
        ("sentence1", TinyBert.Sentences(rows).Cast<object?>().ToArray()),
        ("sentence2", TinyBert.Sentences(rows, 3).Cast<object?>().ToArray()),
        ("score", Enumerable.Range(0, rows).Select(i => (object?)((i * 5 % rows) / (double)rows)).ToArray()));

    private sealed class RecordingCallback : ITrainerCallback
    {
        public List<string> Events { get; } = [];

        public List<IReadOnlyDictionary<string, double>> Logs { get; } = [];

        public void OnTrainBegin(TrainerState state) => Events.Add("begin");

        public void OnStepEnd(TrainerState state, StepReport report) => Events.Add($"step {state.GlobalStep}");

        public void OnLog(TrainerState state, IReadOnlyDictionary<string, double> logs)
        {
            Events.Add($"log {state.GlobalStep}");
            Logs.Add(logs);
        }

        public void OnEvaluate(TrainerState state, IReadOnlyDictionary<string, double> metrics) => Events.Add($"evaluate {state.GlobalStep}");

        public void OnSave(TrainerState state, string checkpointDirectory) => Events.Add($"save {state.GlobalStep}");

        public void OnTrainEnd(TrainerState state) => Events.Add("end");
    }
}
