using System.Linq;
using static TorchSharp.torch;

namespace LossGen.Distributed;

/// <summary>
/// torch's generator state on every rank, which a checkpoint keeps rank by rank (transformers' <c>rng_state_{rank}.pth</c>):
/// ranks whose shards differ in tokens draw different numbers of dropout values, so their generators drift apart, and a
/// resumed run repeats the uninterrupted one only if each rank gets its own back.
/// </summary>
internal static class GeneratorStates
{
    /// <summary>Every rank's generator state, in rank order; every rank must call it.</summary>
    public static byte[][] Gather(IProcessGroup? group)
    {
        using Tensor own = get_rng_state();
        if (group is not { Size: > 1 })
        {
            return [own.data<byte>().ToArray()];
        }

        // The collectives carry int64, not bytes.
        using Tensor wide = own.to(ScalarType.Int64).unsqueeze(0);
        using Tensor all = group.AllGather(wide);
        using Tensor bytes = all.to(ScalarType.Byte);
        return [.. Enumerable.Range(0, group.Size).Select(r => bytes[r].data<byte>().ToArray())];
    }
}
