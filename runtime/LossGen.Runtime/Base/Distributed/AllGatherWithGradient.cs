using System;
using System.Collections.Generic;
using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace LossGen.Distributed;

/// <summary>
/// All-gather that keeps the graph, as <c>torch.distributed.nn.all_gather</c>: forward concatenates every rank's
/// rows; backward sums the gathered gradient over the ranks (every rank's loss may use this rank's rows) and keeps
/// this rank's slice, so that each rank's embeddings receive the gradient of the sum of all ranks' losses.
/// </summary>
internal sealed class AllGatherWithGradient : SingleTensorFunction<AllGatherWithGradient>
{
    private const string GroupKey = "group";

    /// <inheritdoc />
    public override string Name => nameof(AllGatherWithGradient);

    /// <summary>Every rank's <paramref name="local"/> concatenated in rank order, differentiable.</summary>
    public static Tensor Apply(Tensor local, IProcessGroup group) => apply(local, group);

    /// <inheritdoc />
    public override Tensor forward(AutogradContext ctx, params object[] vars)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var local = (Tensor)vars[0];
        var group = (IProcessGroup)vars[1];
        ctx.save_data(GroupKey, group);
        ctx.save_data("rows", local.shape[0]);
        return group.AllGather(local.detach().contiguous());
    }

    /// <inheritdoc />
    public override List<Tensor> backward(AutogradContext ctx, Tensor grad_output)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var group = (IProcessGroup)ctx.get_data(GroupKey);
        long rows = (long)ctx.get_data("rows");
        Tensor summed = grad_output.contiguous().clone();
        group.AllReduce(summed);
        // One gradient per argument of forward: the tensor's, and none for the group.
        return [summed.narrow(0, group.Rank * rows, rows).clone(), null!];
    }
}
