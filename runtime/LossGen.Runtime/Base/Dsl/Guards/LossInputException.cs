using System;

namespace LossGen;

/// <summary>Bad input to a loss: the message names the loss, and the column or row at fault.</summary>
public sealed class LossInputException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public LossInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public LossInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
