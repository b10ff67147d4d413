using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using LossGen.Backbones;
using static TorchSharp.torch;

namespace LossGen.Cpu;

/// <summary>
/// Independent pieces of libtorch work (the batches of one encode) run side by side, each whole on a dedicated thread
/// whose libtorch intra-op pool is that one thread, instead of one after another with every operation split across the
/// pool. A short-text MiniLM batch is hundreds of small operations; split across threads each ends at an OpenMP
/// barrier where the pool's threads spin, sleep and are woken again (about a seventh of an encode's CPU samples on two
/// vCPUs were libgomp and futex calls), and a busy neighbour core stalls every barrier. Whole batches need none.
/// </summary>
internal static class InterOpWorkers
{
    private static readonly object Gate = new();
    private static readonly BlockingCollection<Action> Queue = new();
    private static int _workers;

    /// <summary>How many worker threads exist.</summary>
    internal static int Count => Volatile.Read(ref _workers);

    /// <summary>
    /// <paramref name="job"/>(i) for 0 ≤ i &lt; <paramref name="count"/> on <paramref name="parallelism"/> workers, the
    /// results in order. Jobs start in index order, so sorted work (longest first) balances at the tail. Each worker
    /// enters <paramref name="enter"/> once for its share (thread-local state such as inference mode) and leaves it after.
    /// The first exception of a job is rethrown here once every worker has stopped.
    /// </summary>
    public static T[] Map<T>(int count, int parallelism, Func<IDisposable> enter, Func<int, T> job)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        Grow(parallelism);
        var results = new T[count];
        int next = -1;
        ExceptionDispatchInfo? failure = null;
        using var finished = new CountdownEvent(parallelism);
        for (int w = 0; w < parallelism; w++)
        {
            Queue.Add(() =>
            {
                try
                {
                    using IDisposable entered = enter();
                    for (int i = Interlocked.Increment(ref next); i < count && Volatile.Read(ref failure) is null; i = Interlocked.Increment(ref next))
                    {
                        results[i] = job(i);
                    }
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
                }
                finally
                {
                    finished.Signal();
                }
            });
        }

        finished.Wait();
        failure?.Throw();
        return results;
    }

    // Workers are made once and kept: libtorch sets a thread's pool size when it first runs a parallel operation, from
    // the process-wide count set_num_threads last stored, so each new worker first runs that lazy set-up, then asks for
    // one thread (which stores 1 process-wide), and the creating thread stores its own count back.
    private static void Grow(int workers)
    {
        if (Count >= workers)
        {
            return;
        }

        lock (Gate)
        {
            int threads = get_num_threads();
            while (_workers < workers)
            {
                using var ready = new ManualResetEventSlim();
                var thread = new Thread(() =>
                {
                    _ = get_num_threads();
                    set_num_threads(1);
                    ready.Set();
                    foreach (Action work in Queue.GetConsumingEnumerable())
                    {
                        work();
                    }
                })
                {
                    IsBackground = true,
                    Name = $"LossGen inter-op worker {_workers}",
                };
                thread.Start();
                ready.Wait();
                Volatile.Write(ref _workers, _workers + 1);
            }

            set_num_threads(threads);
        }
    }
}
