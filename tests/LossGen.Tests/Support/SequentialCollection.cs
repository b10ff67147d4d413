using Xunit;

namespace LossGen.Tests.Support;

/// <summary>TorchSharp tests run one at a time: dispose-scope statistics are per thread and libtorch threads are shared.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SequentialCollection
{
    public const string Name = "TorchSharp";
}
