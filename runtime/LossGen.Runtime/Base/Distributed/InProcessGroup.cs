using System;
using System.Linq;
using System.Threading;
using static TorchSharp.torch;

namespace LossGen.Distributed;

/// <summary>
/// <see cref="IProcessGroup"/> for ranks that are threads of one process (tests of data-parallel training without
/// Open MPI): collectives meet at a shared rendezvous; a rank that calls <see cref="Abort"/> makes every waiting or
/// later collective of the others throw a <see cref="RankFailedException"/> naming it.
/// </summary>
public sealed class InProcessGroup : IProcessGroup
{
    private readonly Rendezvous _rendezvous;

    private InProcessGroup(Rendezvous rendezvous, int rank)
    {
        _rendezvous = rendezvous;
        Rank = rank;
    }

    /// <inheritdoc />
    public int Rank { get; }

    /// <inheritdoc />
    public int Size => _rendezvous.Size;

    /// <summary>The <paramref name="size"/> ranks of a new group, each to be used by its own thread.</summary>
    public static InProcessGroup[] Create(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var rendezvous = new Rendezvous(size);
        return Enumerable.Range(0, size).Select(rank => new InProcessGroup(rendezvous, rank)).ToArray();
    }

    /// <inheritdoc />
    public void AllReduce(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        Tensor[] all = _rendezvous.Exchange(Rank, tensor);
        using (no_grad())
        {
            // Summed in rank order on every rank, so that all ranks hold the same bits.
            using Tensor sum = all.Skip(1).Aggregate(all[0].clone(), (total, next) => total.add_(next));
            tensor.copy_(sum);
        }

        _rendezvous.Release(Rank, all);
    }

    /// <inheritdoc />
    public Tensor AllGather(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        Tensor[] all = _rendezvous.Exchange(Rank, tensor);
        Tensor gathered;
        using (no_grad())
        {
            gathered = cat(all, 0);
        }

        _rendezvous.Release(Rank, all);
        return gathered;
    }

    /// <inheritdoc />
    public void Broadcast(Tensor tensor, int root)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentOutOfRangeException.ThrowIfNegative(root);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(root, Size);
        Tensor[] all = _rendezvous.Exchange(Rank, tensor);
        using (no_grad())
        {
            tensor.copy_(all[root]);
        }

        _rendezvous.Release(Rank, all);
    }

    /// <inheritdoc />
    public void Barrier()
    {
        using var empty = zeros(1);
        _rendezvous.Release(Rank, _rendezvous.Exchange(Rank, empty));
    }

    /// <inheritdoc />
    public void Abort(string reason) => _rendezvous.Fail(Rank, reason);

    // Two phases per collective: every rank deposits a copy of its tensor, reads all copies, then waits until all have
    // read before the copies are disposed and the next collective may start.
    private sealed class Rendezvous(int size)
    {
        private readonly object _gate = new();
        private readonly Tensor[] _slots = new Tensor[size];
        private int _arrived;
        private int _left;
        private long _generation;
        private (int Rank, string Reason)? _failure;

        public int Size { get; } = size;

        public Tensor[] Exchange(int rank, Tensor tensor)
        {
            lock (_gate)
            {
                ThrowIfFailed();
                _slots[rank] = tensor.detach().clone();
                if (++_arrived == Size)
                {
                    _arrived = 0;
                    _left = 0;
                    Advance();
                }
                else
                {
                    AwaitAdvance();
                }

                return [.. _slots];
            }
        }

        public void Release(int rank, Tensor[] all)
        {
            lock (_gate)
            {
                if (++_left == Size)
                {
                    foreach (Tensor slot in all)
                    {
                        slot.Dispose();
                    }

                    Advance();
                }
                else
                {
                    AwaitAdvance();
                }
            }
        }

        public void Fail(int rank, string reason)
        {
            lock (_gate)
            {
                _failure ??= (rank, reason);
                Monitor.PulseAll(_gate);
            }
        }

        // The last rank to arrive ends the phase; the others wait for that (under the gate's lock).
        private void Advance()
        {
            _generation++;
            Monitor.PulseAll(_gate);
        }

        private void AwaitAdvance()
        {
            long generation = _generation;
            while (_generation == generation)
            {
                Monitor.Wait(_gate);
                ThrowIfFailed();
            }
        }

        private void ThrowIfFailed()
        {
            if (_failure is { } failure)
            {
                throw new RankFailedException(failure.Rank, failure.Reason);
            }
        }
    }
}
