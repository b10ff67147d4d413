namespace LossGen;

/// <summary>The element-wise regression losses CosineSimilarityLoss accepts as <c>loss_fct</c>.</summary>
public enum RegressionLossFunction
{
    /// <summary><c>torch.nn.MSELoss</c>, mean reduction.</summary>
    MseLoss,

    /// <summary><c>torch.nn.L1Loss</c>, mean reduction.</summary>
    L1Loss,
}
