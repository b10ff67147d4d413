using System;
using System.Threading;

namespace LossGen.Backbones;

/// <summary>Restores a thread-local or process setting (the encoder execution, the heap policy, a thread count) when disposed, once.</summary>
internal sealed class ScopeExit(Action exit) : IDisposable
{
    private Action? _exit = exit;

    /// <inheritdoc />
    public void Dispose() => Interlocked.Exchange(ref _exit, null)?.Invoke();
}
