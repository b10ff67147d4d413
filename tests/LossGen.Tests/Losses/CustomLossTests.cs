using System.Linq;
using CustomLoss;
using LossGen.Tests.Support;
using Xunit;

namespace LossGen.Tests.Losses;

/// <summary>The custom loss declared in samples/CustomLoss trains an encoder.</summary>
[Collection(SequentialCollection.Name)]
public sealed class CustomLossTests
{
    [Fact]
    public void A_custom_declared_loss_trains_an_encoder()
    {
        using var leaks = new TensorLeakGuard();
        (double before, double after, var losses) = TopicTraining.Run(epochs: 6);

        Assert.True(after > before, $"held-out accuracy went from {before} to {after}");
        Assert.True(losses.TakeLast(12).Average() < losses.Take(12).Average(), "the loss must fall");
        Assert.Equal(LossTraits.None, CosineBatchHardSoftMarginLoss.Metadata.Traits);
        Assert.Equal(InputKind.LabeledText, CosineBatchHardSoftMarginLoss.Metadata.Input);
    }

    [Fact]
    public void A_custom_LossMath_loss_trains_an_encoder()
    {
        using var leaks = new TensorLeakGuard();
        (double before, double after, var losses) = TopicTraining.Run(epochs: 6, createLoss: model => new SupervisedContrastiveLoss(model));

        Assert.True(after > before, $"held-out accuracy went from {before} to {after}");
        Assert.True(losses.TakeLast(12).Average() < losses.Take(12).Average(), "the loss must fall");
        Assert.Equal(Pairing.InBatchNegatives, SupervisedContrastiveLoss.Metadata.Pairing);
        Assert.Equal(LabelKind.ClassId, SupervisedContrastiveLoss.Metadata.Label);
    }
}
