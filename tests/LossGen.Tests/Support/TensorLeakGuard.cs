using System;
using TorchSharp;
using Xunit;

namespace LossGen.Tests.Support;

/// <summary>
/// Fails a test that leaves TorchSharp tensors alive: it counts the thread's live tensors before the test and after
/// everything the test created in its scope has been disposed.
/// </summary>
public sealed class TensorLeakGuard : IDisposable
{
    private readonly long _liveBefore;
    private readonly DisposeScope _scope;

    public TensorLeakGuard()
    {
        _liveBefore = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        _scope = torch.NewDisposeScope();
    }

    public void Dispose()
    {
        _scope.Dispose();
        long leaked = DisposeScopeManager.Statistics.ThreadTotalLiveCount - _liveBefore;
        Assert.True(leaked <= 0, $"{leaked} TorchSharp tensor(s) outlived the test's dispose scope.");
    }
}
