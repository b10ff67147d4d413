using System;
using System.Linq;
using System.Threading;
using LossGen.Backbones;
using LossGen.Cpu;
using LossGen.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Cpu;

[Collection(SequentialCollection.Name)]
public sealed class InterOpWorkersTests
{
    private static IDisposable Nothing() => new ScopeExit(() => { });

    [Fact]
    public void Results_come_back_in_job_order()
    {
        int[] squares = InterOpWorkers.Map(100, 2, Nothing, i => i * i);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => i * i), squares);
    }

    [Fact]
    public void Each_worker_runs_libtorch_on_one_thread_and_the_callers_thread_count_stays()
    {
        using var intraOp = IntraOpThreads.Set(2);
        using var barrier = new Barrier(2);
        // The barrier holds each worker on its first job until the other has one: both report.
        int[] counts = InterOpWorkers.Map(2, 2, Nothing, _ =>
        {
            barrier.SignalAndWait();
            return get_num_threads();
        });
        Assert.Equal([1, 1], counts);
        Assert.Equal(2, get_num_threads());

        // A thread that first uses libtorch afterwards gets the count set last, not the workers' one.
        int fresh = 0;
        var thread = new Thread(() => fresh = get_num_threads());
        thread.Start();
        thread.Join();
        Assert.Equal(2, fresh);
    }

    [Fact]
    public void A_failing_job_is_rethrown_after_every_worker_stopped_and_each_worker_leaves_its_scope()
    {
        int entered = 0, left = 0;
        IDisposable Enter()
        {
            Interlocked.Increment(ref entered);
            return new ScopeExit(() => Interlocked.Increment(ref left));
        }

        var failure = Assert.Throws<InvalidOperationException>(() => InterOpWorkers.Map(50, 2, Enter, i => i == 7 ? throw new InvalidOperationException("job 7") : i));
        Assert.Equal("job 7", failure.Message);
        Assert.Equal(2, entered);
        Assert.Equal(2, left);
    }
}
