using System;
using System.Collections.Generic;
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

[Collection(SequentialCollection.Name)]
public sealed class TrainerTests
{
    [Fact]
    public void Objectives_are_trained_round_robin_until_the_steps_or_the_data_run_out()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create(seed: 2);
        using var pairs = new MultipleNegativesRankingLoss(model);
        using var scored = new CoSENTLoss(model);
        var used = new List<string>();
        IEnumerable<TextBatch> Pairs() => Enumerable.Range(0, 5).Select(i => { used.Add("pairs"); return new TextBatch([TinyBert.Sentences(4, i), TinyBert.Sentences(4, i + 1)]); });
        IEnumerable<TextBatch> Scored() => Enumerable.Range(0, 2).Select(i => { used.Add("scored"); return new TextBatch([TinyBert.Sentences(4, i), TinyBert.Sentences(4, i + 2)], tensor(new[] { 0.1f, 0.5f, 0.9f, 0.3f })); });
        using var trainer = new SentenceTransformerTrainer(model, [pairs, scored], totalSteps: 6);

        IReadOnlyList<StepReport> reports = trainer.Train([(Pairs(), pairs), (Scored(), scored)]);

        Assert.Equal(["pairs", "scored", "pairs", "scored", "pairs", "pairs"], used);
        Assert.Equal(Enumerable.Range(0, 6), reports.Select(r => r.Step));
        Assert.Throws<InvalidOperationException>(() => trainer.Step(pairs, new TextBatch([TinyBert.Sentences(2), TinyBert.Sentences(2, 1)])));
    }

    [Fact]
    public void A_dataset_trains_with_the_steps_derived_from_epochs_and_batch_size_and_the_seed_fixes_the_run()
    {
        using var leaks = new TensorLeakGuard();
        SentenceDataset dataset = SentenceDataset.FromColumns(
            ("sentence1", TinyBert.Sentences(10).Cast<object?>().ToArray()),
            ("sentence2", TinyBert.Sentences(10, 3).Cast<object?>().ToArray()),
            ("score", Enumerable.Range(0, 10).Select(i => (object?)(i / 10.0)).ToArray()));
        var arguments = new TrainingArguments { NumTrainEpochs = 2, BatchSize = 4, Seed = 7, LearningRate = 1e-3 };

        double[] Run()
        {
            using SentenceTransformer model = TinyBert.Create(seed: 1, dropout: 0.1);
            using var loss = new CoSENTLoss(model);
            using var trainer = new SentenceTransformerTrainer(model, dataset, loss, arguments);
            Assert.Equal(6, trainer.TotalSteps);
            return trainer.Train().Select(r => r.Loss).ToArray();
        }

        double[] first = Run();
        Assert.Equal(6, first.Length);
        Assert.All(first, value => Assert.True(double.IsFinite(value)));
        Assert.Equal(first, Run());

        using SentenceTransformer capped = TinyBert.Create(seed: 1);
        using var cappedLoss = new CoSENTLoss(capped);
        using var cappedTrainer = new SentenceTransformerTrainer(capped, dataset, cappedLoss, arguments with { MaxSteps = 4 });
        Assert.Equal(4, cappedTrainer.TotalSteps);
        Assert.Equal(4, cappedTrainer.Train().Count);
    }

    [Fact]
    public void The_evaluator_runs_at_the_eval_steps_and_the_best_model_is_restored_at_the_end()
    {
        using var leaks = new TensorLeakGuard();
        SentenceDataset dataset = SentenceDataset.FromColumns(
            ("sentence1", TinyBert.Sentences(12).Cast<object?>().ToArray()),
            ("sentence2", TinyBert.Sentences(12, 5).Cast<object?>().ToArray()),
            ("score", Enumerable.Range(0, 12).Select(i => (object?)((i * 7 % 12) / 12.0)).ToArray()));
        var evaluator = new LossGen.SentenceTransformers.Evaluation.EmbeddingSimilarityEvaluator(TinyBert.Sentences(8, 20), TinyBert.Sentences(8, 23), [0.9, 0.1, 0.5, 0.7, 0.2, 0.8, 0.3, 0.6], "sts-dev");
        using SentenceTransformer model = TinyBert.Create(seed: 8);
        using var loss = new CoSENTLoss(model);
        var arguments = new TrainingArguments { BatchSize = 4, NumTrainEpochs = 2, EvalSteps = 2, LoadBestModelAtEnd = true, LearningRate = 5e-3 };
        using var trainer = new SentenceTransformerTrainer(model, dataset, loss, arguments, evaluator);

        trainer.Train();

        var evaluation = trainer.Evaluation!;
        Assert.Equal("sts-dev_spearman_cosine", evaluation.Metric);
        Assert.Equal([2, 4, 6], evaluation.History.Select(h => h.Step));
        Assert.Equal(evaluation.History.Max(h => h.Metrics["sts-dev_spearman_cosine"]), evaluation.BestValue);
        Assert.Equal(evaluation.BestValue, evaluator.Compute(model)["sts-dev_spearman_cosine"], 6);

        Assert.Throws<ArgumentException>(() => new SentenceTransformerTrainer(model, dataset, loss, arguments));
    }

    [Fact]
    public void The_random_batch_sampler_is_a_seeded_permutation_of_every_row()
    {
        int[] rows = Enumerable.Range(0, 10).ToArray();
        var sampler = new RandomBatchSampler<int>(rows, batchSize: 4, seed: 42);
        IReadOnlyList<int>[] batches = sampler.ToArray();
        Assert.Equal([4, 4, 2], batches.Select(b => b.Count));
        Assert.Equal(rows, batches.SelectMany(b => b).Order());
        Assert.Equal(batches.SelectMany(b => b), new RandomBatchSampler<int>(rows, 4, seed: 42).SelectMany(b => b));
        Assert.NotEqual(batches.SelectMany(b => b), new RandomBatchSampler<int>(rows, 4, seed: 43).SelectMany(b => b));
        Assert.Equal(2, new RandomBatchSampler<int>(rows, 4, dropLast: true).Count());
    }

    [Fact]
    public void The_schedule_warms_up_then_decays_linearly_to_zero()
    {
        var schedule = LinearWarmupSchedule.WithWarmupRatio(2e-5, 0.1, 30);
        Assert.Equal(3, schedule.WarmupSteps);
        Assert.Equal(0, schedule.LearningRate(0));
        Assert.Equal(2e-5 / 3, schedule.LearningRate(1), 15);
        Assert.Equal(2e-5, schedule.LearningRate(3), 15);
        Assert.Equal(2e-5 * 26 / 27, schedule.LearningRate(4), 15);
        Assert.Equal(0, schedule.LearningRate(30), 15);
    }

    [Fact]
    public void Large_blocks_stay_in_the_heap_while_a_trainer_exists_and_disposing_twice_releases_once()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create(seed: 2);
        using var loss = new MultipleNegativesRankingLoss(model);
        int before = LossGen.Cpu.TrainingHeap.Holders;
        // Only glibc hosts without the user's own MALLOC_* settings change the policy.
        int each = OperatingSystem.IsLinux() && new[] { "MALLOC_MMAP_MAX_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_" }.All(v => Environment.GetEnvironmentVariable(v) is null) ? 1 : 0;
        var first = new SentenceTransformerTrainer(model, [loss], totalSteps: 1);
        var second = new SentenceTransformerTrainer(model, [loss], totalSteps: 1);
        Assert.Equal(before + (2 * each), LossGen.Cpu.TrainingHeap.Holders);
        first.Dispose();
        first.Dispose();
        Assert.Equal(before + each, LossGen.Cpu.TrainingHeap.Holders);
        second.Dispose();
        Assert.Equal(before, LossGen.Cpu.TrainingHeap.Holders);
    }

    [Fact]
    public void A_trainer_told_not_to_keep_large_blocks_leaves_the_heap_policy_alone()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create(seed: 2);
        using var loss = new MultipleNegativesRankingLoss(model);
        int before = LossGen.Cpu.TrainingHeap.Holders;
        using (new SentenceTransformerTrainer(model, [loss], totalSteps: 1, new TrainingArguments { KeepLargeBlocksInHeap = false }))
        {
            Assert.Equal(before, LossGen.Cpu.TrainingHeap.Holders);
        }

        Assert.Equal(before, LossGen.Cpu.TrainingHeap.Holders);
    }
}
