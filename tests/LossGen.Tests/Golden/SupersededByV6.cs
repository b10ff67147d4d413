using System;
using System.Linq;
using System.Text.Json;
using LossGen.SentenceTransformers.Losses;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Golden;

/// <summary>
/// The 5.2 golden cases that sentence-transformers v6 computes differently (listed in
/// <c>../shared/golden/losses-v6/README.md</c>): for each, what LossGen must do now, asserted. v6's numbers for the
/// changed behaviours are <see cref="GoldenV6LossTests"/>' cases. ContrastiveTensionLossInBatchNegatives's 5.2 cases
/// stay valid: its embedding batch is still (model1's embeddings, the model's); v5.3 changed which text each embeds
/// (one column through both), and a second text column is refused by its <c>Compute</c>.
/// </summary>
public static class SupersededByV6
{
    /// <summary>Whether <paramref name="root"/> is a superseded case; if so its v6 behaviour has been asserted.</summary>
    public static bool Superseded(string file, JsonElement root)
    {
        string loss = root.GetProperty("loss").GetString()!;
        switch (loss)
        {
            case var _ when Refused(root):
                Assert.ThrowsAny<ArgumentException>(() => GoldenLossCase.Check(file, root));
                return true;

            // v5.6: the relative margin is gᵢ − |gᵢ|·margin; it differs from 5.2's gᵢ·(1 − margin) only where a guided positive similarity gᵢ < 0.
            case nameof(GISTEmbedLoss) or nameof(CachedGISTEmbedLoss) or nameof(MatryoshkaLoss) when RelativeWithNegativeGuidedPositive(root):
                double value52 = GoldenJson.Number(root.GetProperty("loss_value"));
                GoldenLossCase.Check(file, root, (value, _) => Assert.True(Math.Abs(value - value52) > 1e-4 * Math.Abs(value52), $"{file}: the 5.2 relative margin is still in effect ({value} = {value52})."));
                return true;

            default:
                return false;
        }
    }

    /// <summary>Whether v6 refuses the case's input, so LossGen does too.</summary>
    public static bool Refused(JsonElement root)
    {
        int columns = root.GetProperty("columns").GetArrayLength();
        return root.GetProperty("loss").GetString() switch
        {
            // v6: fewer than three columns raise.
            nameof(DistillKLDivLoss) => columns < 3,
            _ => false,
        };
    }

    private static bool RelativeWithNegativeGuidedPositive(JsonElement root)
    {
        JsonElement parameters = root.GetProperty("params");
        JsonElement gist = parameters.TryGetProperty("loss_params", out JsonElement inner) ? inner : parameters;
        if (!gist.TryGetProperty("margin_strategy", out JsonElement strategy) || strategy.GetString() != "relative"
            || !root.GetProperty("extra").TryGetProperty("guide_columns", out JsonElement guide))
        {
            return false;
        }

        using var scope = NewDisposeScope();
        Tensor[] columns = guide.EnumerateArray().Select(c => GoldenJson.ToTensor(c)).ToArray();
        return (Similarities.PairwiseCosSim(columns[0], columns[1]) < 0).any().item<bool>();
    }
}
