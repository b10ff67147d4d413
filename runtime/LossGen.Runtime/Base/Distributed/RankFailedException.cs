using System;

namespace LossGen.Distributed;

/// <summary>Another rank of the run failed, so this one stopped instead of waiting for it.</summary>
public sealed class RankFailedException : Exception
{
    /// <summary>Creates the exception for the failure of <paramref name="rank"/>.</summary>
    public RankFailedException(int rank, string reason)
        : base($"Rank {rank} of the data-parallel run failed: {reason}")
    {
        Rank = rank;
    }

    /// <summary>Creates the exception with a message.</summary>
    public RankFailedException(string message)
        : base(message)
    {
        Rank = -1;
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public RankFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Rank = -1;
    }

    /// <summary>Creates the exception.</summary>
    public RankFailedException()
        : this("A rank of the data-parallel run failed.")
    {
    }

    /// <summary>The rank that failed (−1 when unknown).</summary>
    public int Rank { get; }
}
