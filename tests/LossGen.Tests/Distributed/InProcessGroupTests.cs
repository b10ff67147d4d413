using System;
using System.Linq;
using System.Threading.Tasks;
using LossGen.CrossEncoders.Losses;
using LossGen.Distributed;
using LossGen.Tests.Support;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Distributed;

/// <summary>
/// The process-group contract on ranks that are threads (no Open MPI needed): collectives, a failing rank that stops
/// the others with its name, how a batch is shared, and the bucketed gradient mean.
/// </summary>
[Collection(SequentialCollection.Name)]
public sealed class InProcessGroupTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public void Three_ranks_reduce_gather_and_broadcast()
    {
        InProcessGroup[] ranks = InProcessGroup.Create(3);
        float[][] results = RunAll(ranks, group =>
        {
            using Tensor values = full(new long[] { 2 }, (float)(group.Rank + 1));
            group.AllReduce(values);
            using Tensor gathered = group.AllGather(full(new long[] { 1, 2 }, (float)group.Rank));
            using Tensor broadcast = full(new long[] { 1 }, (float)(10 * group.Rank));
            group.Broadcast(broadcast, root: 2);
            group.Barrier();
            return [.. values.data<float>().ToArray(), .. gathered.reshape(-1).data<float>().ToArray(), broadcast.item<float>()];
        });
        Assert.All(results, r => Assert.Equal([6f, 6f, 0f, 0f, 1f, 1f, 2f, 2f, 20f], r));
    }

    [Fact]
    public void A_rank_that_aborts_stops_the_others_with_its_name()
    {
        InProcessGroup[] ranks = InProcessGroup.Create(2);
        Task waiting = Task.Run(() => ranks[0].Barrier());
        ranks[1].Abort("out of memory in step 3");
        var error = Assert.Throws<AggregateException>(() => waiting.Wait(Limit)).InnerException as RankFailedException;
        Assert.NotNull(error);
        Assert.Equal(1, error!.Rank);
        Assert.Contains("Rank 1 of the data-parallel run failed: out of memory in step 3", error.Message, StringComparison.Ordinal);
        Assert.Throws<RankFailedException>(() => ranks[0].Barrier());
    }

    [Theory]
    [InlineData(8, 2)]
    [InlineData(7, 2)]
    [InlineData(7, 3)]
    public void Each_rank_takes_a_contiguous_share_and_together_they_take_the_batch(int rows, int size)
    {
        using Tensor labels = arange(rows, dtype: ScalarType.Float32);
        var batch = new TextBatch([Enumerable.Range(0, rows).Select(i => $"a{i}").ToArray(), Enumerable.Range(0, rows).Select(i => $"b{i}").ToArray()], labels);
        TextBatch[] shares = Enumerable.Range(0, size).Select(rank => DataParallelBatches.Share(batch, rank, size)).ToArray();
        Assert.Equal(batch.Columns[0], shares.SelectMany(s => s.Columns[0]));
        Assert.Equal(batch.Columns[1], shares.SelectMany(s => s.Columns[1]));
        Assert.Equal(labels.data<float>().ToArray(), shares.SelectMany(s => s.Labels!.data<float>().ToArray()));
        Assert.True(shares.Max(s => s.Count) - shares.Min(s => s.Count) <= 1);
    }

    [Fact]
    public void A_listwise_reranker_batch_is_cut_by_query_with_its_documents_and_drawn_negatives_are_refused()
    {
        var batch = new CrossEncoderBatch(
            [new[] { "q0", "q1", "q2" }],
            Documents: [new[] { "d00", "d01" }, new[] { "d10" }, new[] { "d20", "d21", "d22" }],
            LabelLists: [new[] { 1f, 0f }, new[] { 1f }, new[] { 0f, 1f, 0f }]);
        CrossEncoderBatch tail = batch.Rows(1, 2);
        Assert.Equal(["q1", "q2"], tail.Columns[0]);
        Assert.Equal(["d10"], tail.Documents![0]);
        Assert.Equal([0f, 1f, 0f], tail.LabelLists![1]);

        var drawn = new CrossEncoderBatch([new[] { "q0", "q1" }, new[] { "p0", "p1" }], SampledNegatives: [new[] { 1 }, new[] { 0 }]);
        var error = Assert.Throws<InvalidOperationException>(() => drawn.Rows(0, 1));
        Assert.Contains("SampledNegatives", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_smaller_than_the_group_is_refused_naming_the_setting()
    {
        var batch = new TextBatch([new[] { "only one" }]);
        var error = Assert.Throws<InvalidOperationException>(() => DataParallelBatches.Share(batch, 0, 2));
        Assert.Contains("DropLast", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(25)]
    [InlineData(0)]
    public void Gradients_become_their_mean_over_the_ranks_whatever_the_bucket_size(int bucketMegabytes)
    {
        InProcessGroup[] ranks = InProcessGroup.Create(2);
        float[][] results = RunAll(ranks, group =>
        {
            // Rank r's gradients are (r + 1) · [1, 2, …]; rank 1 alone has one for the third parameter (rank 0's counts as
            // zero), no rank has one for the fourth (it keeps none), and the frozen one is left out.
            using var first = new Parameter(zeros(3));
            using var second = new Parameter(zeros(2, 2));
            using var frozen = new Parameter(zeros(4), requires_grad: false);
            using var partial = new Parameter(zeros(1));
            using var unused = new Parameter(zeros(1));
            first.grad = arange(1, 4, dtype: ScalarType.Float32).mul(group.Rank + 1);
            second.grad = arange(1, 5, dtype: ScalarType.Float32).reshape(2, 2).mul(group.Rank + 1);
            if (group.Rank == 1)
            {
                partial.grad = full(new long[] { 1 }, 8f);
            }

            DataParallel.AverageGradients(group, [first, second, frozen, partial, unused], bucketMegabytes);
            return [.. first.grad.data<float>().ToArray(), .. second.grad!.data<float>().ToArray(), .. partial.grad!.data<float>().ToArray(), unused.grad is null ? -1f : 1f];
        });
        Assert.All(results, r => Assert.Equal([1.5f, 3f, 4.5f, 1.5f, 3f, 4.5f, 6f, 4f, -1f], r));
    }

    [Fact]
    public void A_bucket_size_below_one_megabyte_is_refused_by_name()
    {
        using var leaks = new TensorLeakGuard();
        using LossGen.SentenceTransformers.SentenceTransformer model = TinyBert.Create(seed: 1);
        using var loss = new LossGen.SentenceTransformers.Losses.CoSENTLoss(model);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LossGen.SentenceTransformers.SentenceTransformerTrainer(model, [loss], totalSteps: 1, new LossGen.Training.TrainingArguments { DdpBucketCapMb = 0 }));
        Assert.Equal("DdpBucketCapMb", error.ParamName);
    }

    private static float[][] RunAll(InProcessGroup[] ranks, Func<IProcessGroup, float[]> body)
    {
        Task<float[]>[] tasks = ranks.Select(rank => Task.Run(() => body(rank))).ToArray();
        Assert.True(Task.WaitAll(tasks, Limit), "a collective did not complete.");
        return tasks.Select(t => t.Result).ToArray();
    }
}
