using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using LossGen.Tests.Support;
using Xunit;

namespace LossGen.Tests.Golden;

/// <summary>
/// Every golden case of sentence-transformers v6.0.0 (<c>../shared/golden/losses-v6</c>, or <c>LOSSGEN_GOLDEN_V6_DIR</c>):
/// what v6 computes differently from 5.2 and what it added, each case a test named by its file. The one documented
/// divergence (TripletLoss keeps its eps at exact ties, losses/README.md) is asserted as such.
/// </summary>
[Collection(SequentialCollection.Name)]
public sealed class GoldenV6LossTests
{
    // TripletLoss keeps F.pairwise_distance's eps where v6 dropped it: at an anchor equal to its positive (Euclidean) or
    // a coordinate difference of exactly 0 (Manhattan) v6's gradient is NaN or uses sign(0) = 0; LossGen's is finite.
    private static readonly string[] TripletTies =
    [
        "TripletLoss__euclid_dup_anchor_positive_nan__public.json",
        "TripletLoss__manhattan_zero_coordinate_differences__public.json",
    ];

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        if (Directory.Exists(RepositoryPaths.GoldenLossesV6))
        {
            foreach (string path in Directory.GetFiles(RepositoryPaths.GoldenLossesV6, "*.json").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(path));
            }
        }

        return data;
    }

    [Fact]
    public void The_golden_folder_holds_cases()
    {
        Assert.True(Directory.Exists(RepositoryPaths.GoldenLossesV6), $"No v6 golden folder at {RepositoryPaths.GoldenLossesV6}.");
        Assert.NotEmpty(Cases());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Loss_value_and_gradients_match_the_reference(string file)
    {
        JsonElement root = GoldenLossCase.Read(RepositoryPaths.GoldenLossesV6, file);
        using var leaks = new TensorLeakGuard();
        if (root.GetProperty("nonfinite").GetBoolean() && double.IsNaN(GoldenJson.Number(root.GetProperty("loss_value"))))
        {
            // Non-finite results are errors in LossGen (losses/README.md): the reference returns the NaN.
            var error = Assert.Throws<LossInputException>(() => GoldenLossCase.Check(file, root));
            Assert.Contains(root.GetProperty("loss").GetString()!, error.Message, StringComparison.Ordinal);
            return;
        }

        if (TripletTies.Contains(file))
        {
            double expected = GoldenJson.Number(root.GetProperty("loss_value"));
            GoldenLossCase.Check(file, root, (value, gradients) =>
            {
                Assert.True(Math.Abs(value - expected) <= 1e-5 + (1e-4 * Math.Abs(expected)), $"{file}: the value {value} is not the reference's {expected}.");
                Assert.All(gradients, g => Assert.True(g!.isfinite().all().item<bool>(), $"{file}: LossGen's gradient at an exact tie must be finite."));
            });
            return;
        }

        GoldenLossCase.Check(file, root);
    }
}
