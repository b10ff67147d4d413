using static TorchSharp.torch;

namespace LossGen.Distributed;

/// <summary>
/// The processes of a data-parallel run (torch.distributed's process group): each has a <see cref="Rank"/> among
/// <see cref="Size"/>, and the collectives run on contiguous CPU tensors of float32, float64 or int64, every rank
/// calling them in the same order with tensors of the same shape. Open MPI's is <see cref="MpiProcessGroup"/>;
/// <see cref="InProcessGroup"/> runs ranks as threads of one process, for tests.
/// </summary>
public interface IProcessGroup
{
    /// <summary>This process's rank, 0 ≤ rank &lt; <see cref="Size"/>; rank 0 logs, evaluates and saves.</summary>
    int Rank { get; }

    /// <summary>The number of processes.</summary>
    int Size { get; }

    /// <summary>Replaces <paramref name="tensor"/> on every rank with the element-wise sum over the ranks.</summary>
    void AllReduce(Tensor tensor);

    /// <summary>Every rank's <paramref name="tensor"/> concatenated along the first dimension, in rank order.</summary>
    Tensor AllGather(Tensor tensor);

    /// <summary>Replaces <paramref name="tensor"/> on every rank with <paramref name="root"/>'s.</summary>
    void Broadcast(Tensor tensor, int root);

    /// <summary>Returns once every rank has called it.</summary>
    void Barrier();

    /// <summary>
    /// Ends the run on every rank because this one failed: the others stop with an error naming this rank and
    /// <paramref name="reason"/>, rather than wait forever in a collective.
    /// </summary>
    void Abort(string reason);
}
