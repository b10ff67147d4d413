using System;

namespace LossGen.Models.Transformers;

/// <summary>Restores a forward's thread-local setting (precision, dropout sampler, token layout) when disposed.</summary>
internal sealed class ScopeExit(Action exit) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => exit();
}
