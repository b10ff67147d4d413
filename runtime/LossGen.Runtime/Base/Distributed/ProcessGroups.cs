using System;

namespace LossGen.Distributed;

/// <summary>How a run finds its process group.</summary>
public static class ProcessGroups
{
    [ThreadStatic]
    private static IProcessGroup? _current;

    /// <summary>
    /// The process group of the training run on this thread (set by the trainer while it trains), which losses with
    /// <c>gather_across_devices</c> gather over; <c>null</c> outside a data-parallel run.
    /// </summary>
    public static IProcessGroup? Current => _current;

    /// <summary>Makes <paramref name="group"/> this thread's <see cref="Current"/> until the returned scope is disposed.</summary>
    public static IDisposable Enter(IProcessGroup? group)
    {
        IProcessGroup? previous = _current;
        _current = group;
        return new Backbones.ScopeExit(() => _current = previous);
    }

    /// <summary>
    /// The MPI world when this process was started by Open MPI's <c>mpirun</c> with more than one process
    /// (<c>OMPI_COMM_WORLD_SIZE</c> &gt; 1), else <c>null</c>: a single process never loads MPI.
    /// </summary>
    /// <exception cref="DllNotFoundException">mpirun started the process but libmpi cannot be loaded.</exception>
    public static IProcessGroup? FromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE"), out int size) && size > 1 ? MpiProcessGroup.World() : null;
}
