using System;
using System.Linq;
using static TorchSharp.torch;

namespace LossGen.Distributed;

/// <summary>
/// <see cref="IProcessGroup"/> over Open MPI's <c>MPI_COMM_WORLD</c>: the processes <c>mpirun -np N</c> starts, on one
/// machine or across the machines of a hostfile. Collectives read and write the tensors' CPU storage in place (no copy);
/// a tensor elsewhere (CUDA) is staged through host memory, as Debian's Open MPI is not CUDA-aware.
/// <see cref="Abort"/> calls <c>MPI_Abort</c>, on which mpirun ends every rank with a message naming this one.
/// </summary>
public sealed class MpiProcessGroup : IProcessGroup
{
    private static readonly object Gate = new();
    private static MpiProcessGroup? _world;
    private readonly MpiLibrary _mpi;

    private MpiProcessGroup(MpiLibrary mpi, int rank, int size)
    {
        _mpi = mpi;
        Rank = rank;
        Size = size;
    }

    /// <inheritdoc />
    public int Rank { get; }

    /// <inheritdoc />
    public int Size { get; }

    /// <summary>
    /// The world of the processes mpirun started, MPI initialised on first use (finalised when the process exits).
    /// </summary>
    /// <exception cref="DllNotFoundException">Open MPI is not installed; the message says what to install.</exception>
    public static MpiProcessGroup World()
    {
        lock (Gate)
        {
            if (_world is not null)
            {
                return _world;
            }

            MpiLibrary mpi = MpiLibrary.Load();
            MpiLibrary.Check(mpi.Initialized(out int initialized), "MPI_Initialized");
            if (initialized == 0)
            {
                // MPI_THREAD_SERIALIZED (2): collectives may come from any thread, one at a time (a communication
                // thread beside the backward pass, as the overlap benchmark runs).
                MpiLibrary.Check(mpi.InitThread(IntPtr.Zero, IntPtr.Zero, 2, out _), "MPI_Init_thread");
                AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                {
                    if (mpi.Finalized(out int finalized) == 0 && finalized == 0)
                    {
                        mpi.Finalize();
                    }
                };
            }

            MpiLibrary.Check(mpi.CommRank(mpi.CommWorld, out int rank), "MPI_Comm_rank");
            MpiLibrary.Check(mpi.CommSize(mpi.CommWorld, out int size), "MPI_Comm_size");
            return _world = new MpiProcessGroup(mpi, rank, size);
        }
    }

    /// <inheritdoc />
    public void AllReduce(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        InHostMemory(tensor, host =>
        {
            foreach ((long offset, int count) in Chunks(host.numel()))
            {
                IntPtr start = TensorMemory.Address(host) + (nint)(offset * host.element_size());
                MpiLibrary.Check(_mpi.Allreduce(MpiLibrary.InPlace, start, count, TypeOf(host), _mpi.Sum, _mpi.CommWorld), "MPI_Allreduce");
            }
        });
    }

    /// <inheritdoc />
    public Tensor AllGather(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using Tensor local = tensor.detach().cpu().contiguous();
        long count = local.numel();
        if (count > int.MaxValue)
        {
            throw new ArgumentException($"AllGather of {count} elements exceeds MPI's int count; gather smaller tensors.", nameof(tensor));
        }

        long[] shape = [local.shape[0] * Size, .. local.shape.Skip(1)];
        Tensor gathered = empty(shape, dtype: local.dtype);
        MpiLibrary.Check(_mpi.Allgather(TensorMemory.Address(local), (int)count, TypeOf(local), TensorMemory.Address(gathered), (int)count, TypeOf(local), _mpi.CommWorld), "MPI_Allgather");
        return tensor.device_type == TorchSharp.DeviceType.CPU ? gathered : gathered.to(tensor.device);
    }

    /// <inheritdoc />
    public void Broadcast(Tensor tensor, int root)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentOutOfRangeException.ThrowIfNegative(root);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(root, Size);
        InHostMemory(tensor, host =>
        {
            foreach ((long offset, int count) in Chunks(host.numel()))
            {
                IntPtr start = TensorMemory.Address(host) + (nint)(offset * host.element_size());
                MpiLibrary.Check(_mpi.Bcast(start, count, TypeOf(host), root, _mpi.CommWorld), "MPI_Bcast");
            }
        });
    }

    /// <inheritdoc />
    public void Barrier() => MpiLibrary.Check(_mpi.Barrier(_mpi.CommWorld), "MPI_Barrier");

    /// <inheritdoc />
    public void Abort(string reason)
    {
        Console.Error.WriteLine($"LossGen: rank {Rank} of {Size} failed and aborts the run: {reason}");
        Console.Error.Flush();
        _mpi.Abort(_mpi.CommWorld, 1);
    }

    // MPI counts are int: larger tensors go in pieces.
    private static System.Collections.Generic.IEnumerable<(long Offset, int Count)> Chunks(long total)
    {
        for (long offset = 0; offset < total; offset += int.MaxValue)
        {
            yield return (offset, (int)Math.Min(int.MaxValue, total - offset));
        }
    }

    // The collective runs on the tensor's own storage when it is contiguous CPU memory, else on a host copy written back.
    private static void InHostMemory(Tensor tensor, Action<Tensor> collective)
    {
        if (tensor.device_type == TorchSharp.DeviceType.CPU && tensor.is_contiguous())
        {
            collective(tensor);
            return;
        }

        using Tensor host = tensor.detach().cpu().contiguous();
        collective(host);
        using (no_grad())
        {
            tensor.copy_(host);
        }
    }

    private IntPtr TypeOf(Tensor tensor) => tensor.dtype switch
    {
        ScalarType.Float32 => _mpi.Float,
        ScalarType.Float64 => _mpi.Double,
        ScalarType.Int64 => _mpi.Int64,
        _ => throw new ArgumentException($"The process group exchanges float32, float64 and int64 tensors, not {tensor.dtype}."),
    };
}
