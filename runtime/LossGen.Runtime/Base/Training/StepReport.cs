namespace LossGen.Training;

/// <summary>What one optimisation step did.</summary>
/// <param name="Step">The 0-based step.</param>
/// <param name="Loss">The loss of the batch, before the update.</param>
/// <param name="GradNormBeforeClip">The joint L2 norm of all gradients before clipping.</param>
/// <param name="LearningRate">The learning rate the update used.</param>
public sealed record StepReport(int Step, double Loss, double GradNormBeforeClip, double LearningRate)
{
    /// <summary>
    /// For a loss that returns named components (GlobalOrthogonalRegularizationLoss's <c>gor_mean</c> and
    /// <c>gor_second_moment</c>), each component's value; <see cref="Loss"/> is their sum. Empty otherwise.
    /// </summary>
    public System.Collections.Generic.IReadOnlyDictionary<string, double> Components { get; init; } = new System.Collections.Generic.Dictionary<string, double>();
}
