using System;

namespace LossGen.Distributed;

/// <summary>How a run finds its process group.</summary>
public static class ProcessGroups
{
    /// <summary>
    /// The MPI world when this process was started by Open MPI's <c>mpirun</c> with more than one process
    /// (<c>OMPI_COMM_WORLD_SIZE</c> &gt; 1), else <c>null</c>: a single process never loads MPI.
    /// </summary>
    /// <exception cref="DllNotFoundException">mpirun started the process but libmpi cannot be loaded.</exception>
    public static IProcessGroup? FromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE"), out int size) && size > 1 ? MpiProcessGroup.World() : null;
}
