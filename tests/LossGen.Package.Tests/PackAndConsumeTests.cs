using System;
using Xunit;
using Xunit.Abstractions;

namespace LossGen.Package.Tests;

/// <summary>
/// Packs LossGen into a local folder and builds a consumer that references the package only: the generator runs on the
/// consumer's own declaration, a misuse shows its diagnostic in the build output, and a training step runs.
/// </summary>
[Collection(PackageFeed.Name)]
public sealed class PackAndConsumeTests(PackageFeed feed, ITestOutputHelper output)
{
    [Fact]
    public void A_consumer_of_the_package_generates_diagnoses_and_trains()
    {
        using var consumer = new ConsumerProject(feed, output);
        consumer.Write("Program.cs", """
            using LossGen;
            using LossGen.SentenceTransformers.Losses;
            using LossGen.SentenceTransformers;
            using TorchSharp;

            using var encoder = new HashingEncoder(dimension: 16, buckets: 256);
            using var loss = new ConsumerSoftMarginLoss(encoder);
            using var optimizer = torch.optim.AdamW(encoder.parameters(), lr: 1e-2);
            var batch = ConsumerSoftMarginLoss.Collate([new LabeledTextExample("red apple", 0), new LabeledTextExample("green apple", 0), new LabeledTextExample("fast car", 1), new LabeledTextExample("slow car", 1)]);
            torch.Tensor value = loss.Compute(batch);
            value.backward();
            optimizer.step();
            Console.WriteLine($"step loss {value.item<float>():F4}");

            internal static class Setup
            {
                public static SentenceLoss Misused() => new ContrastiveTensionLoss(null);
            }

            /// <summary>The consumer's own loss.</summary>
            [Loss, RequiresInput(InputKind.LabeledText), Pairing(Pairing.BatchHard), Objective(Objective.SoftMargin)]
            public sealed partial class ConsumerSoftMarginLoss
            {
                /// <summary>The distance.</summary>
                [Distance(BatchDistanceMetric.Cosine)]
                public partial BatchDistanceMetric DistanceMetric { get; }
            }
            """);

        string build = consumer.Run("build -c Release");
        Assert.Contains("LG1005", build);
        Assert.Contains("ContrastiveTensionLoss is created in 'Misused' without a ContrastiveTensionDataLoader", build);

        string run = consumer.Run("run -c Release --no-build");
        Assert.Matches(@"step loss \d+\.\d{4}", run);
    }

}
