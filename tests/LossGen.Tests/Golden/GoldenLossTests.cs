using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using LossGen.SentenceTransformers.Losses;
using LossGen.Tests.Support;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Golden;

/// <summary>
/// Every golden case of the 5.2 reference (<c>../shared/golden/losses</c>) where v6 computes the same, through
/// <see cref="GoldenLossCase"/>; the cases v6 changed are checked for v6's behaviour by <see cref="SupersededByV6"/>,
/// and v6's own numbers for them are in <see cref="GoldenV6LossTests"/>.
/// </summary>
[Collection(SequentialCollection.Name)]
public sealed class GoldenLossTests
{
    public static TheoryData<string> LossCases() => Cases("loss");

    public static TheoryData<string> DataLoaderCases() => Cases("dataloader");

    [Fact]
    public void The_golden_folder_holds_cases()
    {
        Assert.True(Directory.Exists(RepositoryPaths.GoldenLosses), $"No golden folder at {RepositoryPaths.GoldenLosses}.");
        Assert.NotEmpty(LossCases());
    }

    [Theory]
    [MemberData(nameof(LossCases))]
    public void Loss_value_and_gradients_match_the_reference(string file)
    {
        JsonElement root = GoldenLossCase.Read(RepositoryPaths.GoldenLosses, file);
        using var leaks = new TensorLeakGuard();
        if (SupersededByV6.Superseded(file, root))
        {
            return;
        }

        if (root.GetProperty("loss").GetString() == nameof(BatchSemiHardTripletLoss) && root.GetProperty("nonfinite").GetBoolean())
        {
            // 5.2 gave 0/0 = NaN without an anchor-positive pair; v5.4+ (and LossGen) give 0 with zero gradients.
            GoldenLossCase.Check(file, root, (value, gradients) =>
            {
                Assert.Equal(0f, value);
                Assert.All(gradients, g => Assert.Equal(0f, g!.abs().max().item<float>()));
            });
            return;
        }

        GoldenLossCase.Check(file, root);
    }

    [Theory]
    [MemberData(nameof(DataLoaderCases))]
    public void Contrastive_tension_batches_match_the_reference(string file)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.GoldenLosses, file)));
        JsonElement root = document.RootElement;
        Assert.Equal("ContrastiveTensionDataLoader", root.GetProperty("class").GetString());
        string[] sentences = root.GetProperty("sentences").EnumerateArray().Select(s => s.GetString()!).ToArray();
        JsonElement parameters = root.GetProperty("params");
        int batchSize = parameters.GetProperty("batch_size").GetInt32();
        int ratio = parameters.TryGetProperty("pos_neg_ratio", out JsonElement r) ? r.GetInt32() : 8;

        if (root.GetProperty("raises").ValueKind != JsonValueKind.Null)
        {
            Assert.Throws<ArgumentException>(() => new ContrastiveTensionDataLoader(sentences, batchSize, ratio));
            return;
        }

        string[] before = [.. sentences];
        var loader = new ContrastiveTensionDataLoader(sentences, batchSize, ratio);
        Assert.Equal(root.GetProperty("len").GetInt32(), loader.Count);
        var expected = root.GetProperty("batches").EnumerateArray()
            .Select(b => b.EnumerateArray().Select(e => (e[0].GetString()!, e[1].GetString()!, e[2].GetInt32() == 1)).ToArray())
            .ToArray();
        var actual = loader.Select(b => b.Select(e => (e.Sentence1, e.Sentence2, e.IsSimilar)).ToArray()).ToArray();
        Assert.Equal(expected, actual);
        Assert.Equal(before, sentences);
    }

    private static TheoryData<string> Cases(string kind)
    {
        var data = new TheoryData<string>();
        if (!Directory.Exists(RepositoryPaths.GoldenLosses))
        {
            return data;
        }

        foreach (string path in Directory.GetFiles(RepositoryPaths.GoldenLosses, "*.json").Order(StringComparer.Ordinal))
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.GetProperty("kind").GetString() == kind)
            {
                data.Add(Path.GetFileName(path));
            }
        }

        return data;
    }
}
