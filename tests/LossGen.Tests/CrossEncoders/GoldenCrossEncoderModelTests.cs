using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using LossGen.CrossEncoders;
using LossGen.Tests.Support;
using LossGen.Tokenizers;
using Xunit;

namespace LossGen.Tests.CrossEncoders;

/// <summary>
/// Every golden cross-encoder folder (saved by Python transformers and sentence-transformers): the pair ids the Rust
/// tokenizers give (<c>longest_first_fast_rule</c>), the logits and <c>predict</c> scores within 1e-5, the labels, the
/// activation sentence-transformers resolves, <c>rank</c>, and the same after a save and a reload.
/// </summary>
[Collection(SequentialCollection.Name)]
public sealed class GoldenCrossEncoderModelTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<string> Cases() => new(RepositoryPaths.GoldenCrossEncoderModelCases());

    [Fact]
    public void The_golden_cross_encoder_folder_holds_cases()
    {
        Assert.True(Directory.Exists(RepositoryPaths.GoldenCrossEncoderModels), $"No golden cross-encoder model folder at {RepositoryPaths.GoldenCrossEncoderModels}.");
        Assert.NotEmpty(Cases());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_folder_gives_the_reference_ids_logits_scores_and_ranking(string folder)
    {
        string path = Path.Combine(RepositoryPaths.GoldenCrossEncoderModels, folder);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(path, "expected.json")));
        JsonElement expected = document.RootElement;
        using var leaks = new TensorLeakGuard();
        using CrossEncoder model = CrossEncoder.Load(path);
        AssertMatches(folder, model, expected);

        string saved = Path.Combine(Path.GetTempPath(), "lossgen-ce-" + Guid.NewGuid().ToString("N"));
        try
        {
            model.Save(saved);
            using CrossEncoder reloaded = CrossEncoder.Load(saved);
            AssertMatches(folder + " (saved and reloaded)", reloaded, expected);
        }
        finally
        {
            if (Directory.Exists(saved))
            {
                Directory.Delete(saved, recursive: true);
            }
        }
    }

    private static void AssertMatches(string folder, CrossEncoder model, JsonElement expected)
    {
        (string, string)[] pairs = expected.GetProperty("pairs").EnumerateArray().Select(p => (p[0].GetString()!, p[1].GetString()!)).ToArray();
        JsonElement fast = expected.GetProperty("longest_first_fast_rule");
        Assert.Equal(expected.GetProperty("num_labels").GetInt32(), model.NumLabels);
        Assert.Equal(expected.GetProperty("max_length").GetInt32(), model.MaxLength);
        Assert.Equal(expected.GetProperty("activation_fn").GetString(), model.ActivationFunction.ToPythonName());
        foreach (JsonProperty label in expected.GetProperty("id2label").EnumerateObject())
        {
            Assert.Equal(label.Value.GetString(), model.Id2Label[int.Parse(label.Name, System.Globalization.CultureInfo.InvariantCulture)]);
        }

        PairEncoding[] encoded = [.. model.Encode(pairs)];
        for (int i = 0; i < pairs.Length; i++)
        {
            Assert.True(fast.GetProperty("input_ids")[i].EnumerateArray().Select(e => e.GetInt32()).SequenceEqual(encoded[i].InputIds), $"{folder}: pair {i} ids {string.Join(" ", encoded[i].InputIds)}");
            Assert.Equal(fast.GetProperty("split_fast")[i][0].GetInt32(), encoded[i].FirstKept);
            Assert.Equal(fast.GetProperty("split_fast")[i][1].GetInt32(), encoded[i].SecondKept);
            if (fast.TryGetProperty("token_type_ids", out JsonElement types))
            {
                Assert.True(types[i].EnumerateArray().Select(e => e.GetInt32()).SequenceEqual(encoded[i].TokenTypeIds), $"{folder}: pair {i} token types");
            }
        }

        float[][] logits = model.Predict(pairs, activation: ActivationFunction.Identity);
        float[][] scores = model.Predict(pairs);
        for (int i = 0; i < pairs.Length; i++)
        {
            AssertClose($"{folder}: logits[{i}]", fast.GetProperty("logits")[i], logits[i]);
            JsonElement score = fast.GetProperty("scores")[i];
            AssertClose($"{folder}: scores[{i}]", score, scores[i]);
        }

        if (expected.TryGetProperty("scores_softmax", out JsonElement softmax))
        {
            float[][] probabilities = model.Predict(pairs, applySoftmax: true);
            for (int i = 0; i < pairs.Length; i++)
            {
                if (fast.GetProperty("agrees_with_slow")[i].GetBoolean())
                {
                    AssertClose($"{folder}: scores_softmax[{i}]", softmax[i], probabilities[i]);
                }
            }
        }

        if (expected.TryGetProperty("rank", out JsonElement rank))
        {
            var ranked = model.Rank(rank.GetProperty("query").GetString()!, rank.GetProperty("documents").EnumerateArray().Select(d => d.GetString()!).ToArray());
            JsonElement[] reference = rank.GetProperty("result").EnumerateArray().ToArray();
            Assert.Equal(reference.Length, ranked.Count);
            for (int i = 0; i < reference.Length; i++)
            {
                Assert.Equal(reference[i].GetProperty("corpus_id").GetInt32(), ranked[i].CorpusId);
                Assert.True(Math.Abs(reference[i].GetProperty("score").GetDouble() - ranked[i].Score) <= Tolerance, $"{folder}: rank[{i}] score {ranked[i].Score}");
            }
        }
    }

    private static void AssertClose(string what, JsonElement expected, float[] actual)
    {
        double[] reference = expected.ValueKind == JsonValueKind.Array ? expected.EnumerateArray().Select(e => e.GetDouble()).ToArray() : [expected.GetDouble()];
        Assert.Equal(reference.Length, actual.Length);
        for (int j = 0; j < reference.Length; j++)
        {
            Assert.True(Math.Abs(reference[j] - actual[j]) <= Tolerance, $"{what}[{j}]: {actual[j]} vs the reference's {reference[j]}");
        }
    }
}
