using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LossGen.Tests.Support;
using Xunit;

namespace LossGen.Tests.Distributed;

/// <summary>
/// Data-parallel training on Open MPI, two processes on loopback: the collectives, replicas that stay identical, the
/// equality with one process, and faults that end the run naming the rank instead of hanging.
/// </summary>
[Collection(SequentialCollection.Name)]
public sealed partial class MpiDataParallelTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static readonly string Model = Path.Combine(RepositoryPaths.GoldenModels, "bert-uncased-mean-normalize");

    [MpiFact]
    public void Two_ranks_reduce_gather_and_broadcast_through_Open_MPI()
    {
        (int exit, string output, _) = MpiRun.Mpi("-np 2 {worker} collectives", Timeout);
        Assert.True(exit == 0, output);
        Assert.Contains("rank 0 collectives ok", output, StringComparison.Ordinal);
        Assert.Contains("rank 1 collectives ok", output, StringComparison.Ordinal);
    }

    // The README's command: the quickstart fine-tunes all-MiniLM-L6-v2 on two ranks; rank 0 alone reports and saves.
    [MpiFact]
    public void The_quickstart_fine_tunes_on_two_ranks_and_rank_0_alone_reports_and_saves()
    {
        string output = Directory.CreateTempSubdirectory("lossgen-mpi-quickstart-").FullName;
        try
        {
            (int exit, string log, _) = MpiRun.Mpi($"-np 2 dotnet \"{SampleProcesses.Dll("Quickstart")}\" --output \"{output}\"", Timeout);
            Assert.True(exit == 0, log);
            Assert.Single(Regex.Matches(log, "^before: ", RegexOptions.Multiline));
            Assert.Single(Regex.Matches(log, "^after: ", RegexOptions.Multiline));
            Assert.True(File.Exists(Path.Combine(output, "model", "model.safetensors")), log);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    // The README's launch across machines, with a hostfile that lists this one (its slots, no --oversubscribe).
    [MpiFact]
    public void Ranks_placed_by_a_hostfile_reduce_gather_and_broadcast()
    {
        string hosts = Path.GetTempFileName();
        try
        {
            File.WriteAllText(hosts, "localhost slots=2\n");
            (int exit, string output, _) = MpiRun.Mpi($"--hostfile \"{hosts}\" -np 2 {{worker}} collectives", Timeout, oversubscribe: false);
            Assert.True(exit == 0, output);
            Assert.Contains("rank 1 collectives ok", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(hosts);
        }
    }

    // N ranks at per-rank batch b take the halves of the single-process batches of N·b and average their gradients:
    // exactly one process accumulating those halves (gradient_accumulation_steps N at batch b), to the bit. Losses that
    // compare rows within a batch (CoSENT's pairs, MNRL's in-batch negatives) see each rank's half, as in
    // sentence-transformers without gather_across_devices. In bf16 too: the gradients are float32, halving is exact.
    [MpiTheory]
    [InlineData("cosent", "")]
    [InlineData("mnrl", "")]
    [InlineData("cosent", "--bf16")]
    public void Two_ranks_keep_identical_replicas_and_equal_one_process_accumulating_their_shares(string loss, string options)
    {
        (string output, string alone) = TwoRanksAndAlone($"train \"{Model}\" {loss} 2 1 1e-3 {options}", $"train \"{Model}\" {loss} 2 2 1e-3 {options}");
        string[] Losses(string text, int rank) => [.. text.Split('\n').Where(l => l.StartsWith($"rank {rank} step ", StringComparison.Ordinal)).Select(l => l.Trim())];
        Assert.Equal(4, Losses(alone, 0).Length);
        Assert.Equal(Losses(alone, 0), Losses(output, 0));
        Assert.Equal(Losses(output, 0), Losses(output, 1).Select(l => l.Replace("rank 1", "rank 0", StringComparison.Ordinal)));
    }

    // gather_across_devices: each rank scores its rows against both ranks' candidates, the gradient of every rank's loss
    // flowing back to the rank whose embeddings it used, so 2 ranks at batch b compute one process at batch 2b (the same
    // rows in the same order), within float rounding; for the symmetric loss (queries gathered too), with GradCache, and
    // inside MatryoshkaLoss (a gather per truncated dimension). GISTEmbed gathers the candidates but not the anchors (the
    // reference's choice), so it is compared without the anchor–anchor block; its temperature of 0.01 magnifies float
    // rounding fivefold over MNRL's scale of 20, hence its wider bar.
    [MpiTheory]
    [InlineData("mnrl-gather", "mnrl", 1e-5)]
    [InlineData("cached-mnrl-gather", "mnrl", 1e-5)]
    [InlineData("mnsrl-gather", "mnsrl", 1e-5)]
    [InlineData("matryoshka-mnrl-gather", "matryoshka-mnrl", 1e-5)]
    [InlineData("gist-gather", "gist", 5e-5)]
    [InlineData("cached-gist-gather", "gist", 5e-5)]
    public void Two_ranks_gathering_across_devices_equal_one_process_at_twice_the_batch(string loss, string reference, double tolerance)
    {
        (int exit, string output, _) = MpiRun.Mpi($"-np 2 {{worker}} train \"{Model}\" {loss} 2 1", Timeout);
        Assert.True(exit == 0, output);
        (int aloneExit, string alone, _) = MpiRun.Alone($"train \"{Model}\" {reference} 4 1", Timeout);
        Assert.True(aloneExit == 0, alone);

        AssertClose(output, alone, steps: 4, tolerance);
    }

    // Rerankers train data-parallel too, each rank scoring its share of the pairs (or of the queries with their
    // documents): exactly one process accumulating the shares, to the bit. The folder's dropout is turned off.
    [MpiTheory]
    [InlineData("bce")]
    [InlineData("lambda")]
    public void Two_reranker_ranks_equal_one_process_accumulating_their_shares(string loss)
    {
        string folder = Directory.CreateTempSubdirectory("lossgen-mpi-reranker-").FullName;
        try
        {
            foreach (string file in Directory.GetFiles(Path.Combine(RepositoryPaths.GoldenCrossEncoderModels, "ce-bert-1label")))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }

            string configFile = Path.Combine(folder, "config.json");
            var config = JsonNode.Parse(File.ReadAllText(configFile))!.AsObject();
            config["hidden_dropout_prob"] = 0.0;
            config["attention_probs_dropout_prob"] = 0.0;
            File.WriteAllText(configFile, config.ToJsonString());

            TwoRanksAndAlone($"rerank \"{folder}\" {loss} 2 1", $"rerank \"{folder}\" {loss} 2 2");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Gradient accumulation on every rank: 2 ranks accumulating 2 micro-batches of 2 rows each equal one process
    // accumulating the 4 micro-batches in the same order, within float rounding (the sums are grouped otherwise).
    [MpiFact]
    public void Two_ranks_accumulating_gradients_equal_one_process_accumulating_all_their_micro_batches()
    {
        (int exit, string output, _) = MpiRun.Mpi($"-np 2 {{worker}} train \"{Model}\" cosent 2 2", Timeout);
        Assert.True(exit == 0, output);
        (int aloneExit, string alone, _) = MpiRun.Alone($"train \"{Model}\" cosent 2 4", Timeout);
        Assert.True(aloneExit == 0, alone);
        AssertClose(output, alone, steps: 2, tolerance: 1e-5);
    }

    // Runs the worker as two ranks and alone; both must succeed, the two replicas be identical and equal the lone
    // process's parameters to the bit.
    private static (string Output, string Alone) TwoRanksAndAlone(string ranks, string alone)
    {
        (int exit, string output, _) = MpiRun.Mpi($"-np 2 {{worker}} {ranks}", Timeout);
        Assert.True(exit == 0, output);
        (int aloneExit, string single, _) = MpiRun.Alone(alone, Timeout);
        Assert.True(aloneExit == 0, single);
        string[] digests = [.. Digest().Matches(output).Select(m => m.Groups[2].Value)];
        Assert.Equal(2, digests.Length);
        Assert.Equal(digests[0], digests[1]);
        Assert.Equal(Digest().Match(single).Groups[2].Value, digests[0]);
        return (output, single);
    }

    // Rank 0's losses and parameter sample against the single process's, relatively and absolutely within tolerance;
    // both ranks' replicas identical.
    private static void AssertClose(string output, string alone, int steps, double tolerance)
    {
        static double[] Numbers(string text, string prefix) => [.. text.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
            .SelectMany(l => l[prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(l.Contains(" step ", StringComparison.Ordinal) ? 2 : 0))
            .Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture))];
        double[] losses = Numbers(output, "rank 0 step "), referenceLosses = Numbers(alone, "rank 0 step ");
        Assert.Equal(steps, referenceLosses.Length);
        Assert.Equal(referenceLosses.Length, losses.Length);
        Assert.All(losses.Zip(referenceLosses), p => Assert.True(Math.Abs(p.First - p.Second) <= tolerance * Math.Abs(p.Second), $"loss {p.First} against {p.Second}"));
        double[] sample = Numbers(output, "rank 0 sample "), referenceSample = Numbers(alone, "rank 0 sample ");
        Assert.Equal(referenceSample.Length, sample.Length);
        Assert.All(sample.Zip(referenceSample), p => Assert.True(Math.Abs(p.First - p.Second) <= tolerance, $"parameter {p.First} against {p.Second}"));
        string[] digests = [.. Digest().Matches(output).Select(m => m.Groups[2].Value)];
        Assert.Equal(2, digests.Length);
        Assert.Equal(digests[0], digests[1]);
    }

    // Resuming on every rank from the checkpoint rank 0 wrote ends where the uninterrupted run ends, with dropout on:
    // the ranks' shards differ in tokens, so their generators drift apart (the worker prints them), and the checkpoint
    // keeps each rank's state.
    [MpiFact]
    public void Two_ranks_resumed_from_a_checkpoint_end_where_the_uninterrupted_run_ends()
    {
        string output = Path.Combine(Path.GetTempPath(), $"lossgen-mpi-resume-{Guid.NewGuid():N}");
        try
        {
            string common = $"-np 2 {{worker}} train \"{Model}\" mnrl 2 1 1e-3 --dropout 0.1";
            (int exit, string whole, _) = MpiRun.Mpi($"{common} --output \"{output}\" --save-steps 1", Timeout);
            Assert.True(exit == 0, whole);
            Assert.NotEqual(Generator(whole, 0), Generator(whole, 1));
            string[] digests = [.. Digest().Matches(whole).Select(m => m.Groups[2].Value)];
            foreach (int step in new[] { 1, 3 })
            {
                string checkpoint = Path.Combine(output, $"checkpoint-{step}");
                Assert.True(Directory.Exists(checkpoint), whole);
                (int resumedExit, string resumed, _) = MpiRun.Mpi($"{common} --resume \"{checkpoint}\"", Timeout);
                Assert.True(resumedExit == 0, resumed);
                string[] resumedDigests = [.. Digest().Matches(resumed).Select(m => m.Groups[2].Value)];
                Assert.Equal(2, resumedDigests.Length);
                Assert.Equal(resumedDigests[0], resumedDigests[1]);
                Assert.True(digests[0] == resumedDigests[0], $"resumed from step {step}: {resumed}");
                Assert.Equal(Steps(whole).Skip(step), Steps(resumed));
                Assert.Equal(Generator(whole, 1), Generator(resumed, 1));
            }

            // One process may take over a two-rank checkpoint (a warning says the draws no longer repeat).
            (int aloneExit, string alone, _) = MpiRun.Alone($"train \"{Model}\" mnrl 4 1 1e-3 --dropout 0.1 --resume \"{Path.Combine(output, "checkpoint-1")}\"", Timeout);
            Assert.True(aloneExit == 0, alone);
            Assert.Equal(3, Steps(alone).Length);
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }

        static string[] Steps(string text) => [.. text.Split('\n').Where(l => l.StartsWith("rank 0 step ", StringComparison.Ordinal)).Select(l => l.Trim())];
        static string Generator(string text, int rank) => Regex.Match(text, $@"rank {rank} generator (\w+)").Groups[1].Value;
    }

    [MpiFact]
    public void A_killed_rank_ends_the_run_naming_it_instead_of_hanging()
    {
        (int exit, string output, TimeSpan elapsed) = MpiRun.Mpi("-np 2 {worker} die", Timeout);
        Assert.NotEqual(0, exit);
        Assert.Contains("process rank 1", output, StringComparison.Ordinal);
        Assert.DoesNotContain("passed a barrier", output, StringComparison.Ordinal);
        Assert.True(elapsed < TimeSpan.FromSeconds(90), $"the run took {elapsed}.");
    }

    [MpiFact]
    public void A_rank_that_throws_aborts_every_rank_naming_it()
    {
        (int exit, string output, TimeSpan elapsed) = MpiRun.Mpi($"-np 2 {{worker}} throw \"{Model}\"", Timeout);
        Assert.NotEqual(0, exit);
        Assert.Contains("LossGen: rank 1 of 2 failed and aborts the run: InvalidOperationException: a fault injected on rank 1", output, StringComparison.Ordinal);
        // mpirun's own "MPI_ABORT was invoked on rank 1" is sometimes lost in Open MPI 4.1's help-message relay; the
        // rank's own message and the run's failure are what the test relies on.
        Assert.DoesNotContain("rank 0 step 1", output, StringComparison.Ordinal);
        Assert.True(elapsed < TimeSpan.FromSeconds(90), $"the run took {elapsed}.");
    }

    // A rank started with another learning rate, or reading a stale copy of the data, is refused before any step,
    // with a message naming what differs.
    [MpiTheory]
    [InlineData("-np 1 {worker} train \"{model}\" cosent 2 1 1e-3 : -np 1 {worker} train \"{model}\" cosent 2 1 2e-3", "1 of the 2 ranks hold training arguments (batch size, learning rate, seed, steps, precision, samplers, checkpoints) other than rank 0's.")]
    [InlineData("-np 2 {worker} train \"{model}\" cosent 2 1 1e-3 --rank-1-data-differs", "1 of the 2 ranks hold training data (datasets, rows, texts, labels) other than rank 0's.")]
    public void Ranks_started_with_other_arguments_or_data_are_refused_at_the_start(string ranks, string message)
    {
        (int exit, string output, _) = MpiRun.Mpi(ranks.Replace("{model}", Model, StringComparison.Ordinal), Timeout);
        Assert.NotEqual(0, exit);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.DoesNotContain(" step 0 loss", output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"rank (\d) of \d digest ([0-9A-F]+)")]
    private static partial Regex Digest();
}
