using System;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace LossGen.Kernels;

/// <summary>Element-wise regression of scores against labels (CosineSimilarityLoss).</summary>
public static class Regression
{
    /// <summary>The mean <paramref name="function"/> loss of <paramref name="predictions"/> against <paramref name="targets"/>.</summary>
    public static Tensor Loss(RegressionLossFunction function, Tensor predictions, Tensor targets) => function switch
    {
        RegressionLossFunction.MseLoss => F.mse_loss(predictions, targets),
        RegressionLossFunction.L1Loss => F.l1_loss(predictions, targets),
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, null),
    };
}
