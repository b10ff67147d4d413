using System;
using System.IO;

namespace LossGen.Serialization;

/// <summary>
/// The one error a model load raises for a fault in what it reads: a weights, ONNX, tokenizer or config file, or the
/// model folder itself. <see cref="Exception.Message"/> names the file and the tensor, field, module or token at fault;
/// <see cref="FilePath"/> gives the file.
/// </summary>
public sealed class ModelFormatException : IOException
{
    /// <summary>Creates the exception for a fault in <paramref name="filePath"/>.</summary>
    public ModelFormatException(string filePath, string message, Exception? innerException = null)
        : base($"{filePath}: {message}", innerException)
    {
        FilePath = filePath;
    }

    /// <summary>The file (or folder) at fault.</summary>
    public string FilePath { get; }
}
