using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Serialization;
using LossGen.Serialization;
using LossGen.Tests.Golden;
using LossGen.Tests.Support;
using LossGen.Backbones;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Models;

/// <summary>
/// Every folder of the golden model cases (saved by Python sentence-transformers): a folder to load gives the reference's
/// token ids exactly and its embeddings within 1e-5; a folder a port may refuse is refused with its reason words, or
/// matches like any other.
/// </summary>
[Collection(SequentialCollection.Name)]
public sealed class GoldenModelTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<string> Cases() => new(RepositoryPaths.GoldenModelCases());

    [Fact]
    public void The_golden_model_folder_holds_cases()
    {
        Assert.True(Directory.Exists(RepositoryPaths.GoldenModels), $"No golden model folder at {RepositoryPaths.GoldenModels}.");
        Assert.NotEmpty(Cases());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_folder_loads_to_the_reference_embeddings_or_is_refused_for_its_reason(string folder) =>
        Check(RepositoryPaths.GoldenModels, folder);

    public static TheoryData<string> ModernCases() => new(RepositoryPaths.GoldenModernModelCases());

    // The 2025-26 folders (../shared/golden/models-modern): ModernBERT, Qwen3, Gemma3, tokenizer.json-only folders and a
    // LoRA adapter. Under LOSSGEN_MODEL_GOLDEN_DIR both tests run the folders there instead.
    [Theory]
    [MemberData(nameof(ModernCases))]
    public void A_modern_folder_loads_to_the_reference_embeddings(string folder) =>
        Check(RepositoryPaths.GoldenModernModels, folder);

    private static void Check(string root, string folder)
    {
        string path = Path.Combine(root, folder);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(path, "expected.json")));
        JsonElement expected = document.RootElement;
        using var leaks = new TensorLeakGuard();
        if (Directory.Exists(Path.Combine(path, "adapter")) && Directory.Exists(Path.Combine(path, "base")))
        {
            CheckAdapterCase(folder, path, expected);
            return;
        }

        SentenceTransformer model;
        try
        {
            model = ModelFolder.Load(path);
        }
        catch (ModelFormatException error) when (expected.GetProperty("expect").GetString() == "refuse")
        {
            foreach (JsonElement word in expected.GetProperty("refuse_reason").EnumerateArray())
            {
                Assert.Contains(word.GetString()!, error.Message, StringComparison.Ordinal);
            }

            return;
        }

        using (model)
        {
            string[] sentences = expected.GetProperty("sentences").EnumerateArray().Select(s => s.GetString()!).ToArray();
            string? defaultPrompt = model.Options.DefaultPromptName is { } name ? model.Options.Prompts[name] : null;
            AssertIds(folder, model, sentences, expected.GetProperty("input_ids"), defaultPrompt);
            AssertClose(folder, "embeddings", expected.GetProperty("embeddings"), model.Embed(sentences));

            var tokens = model.EmbedTokens(sentences[..2]);
            for (int i = 0; i < tokens.Count; i++)
            {
                // sentence-transformers cuts only trailing padding: a left-padded row keeps its leading padding rows,
                // which LossGen does not return; the real tokens are compared. Token embeddings are not normalized
                // (Gemma3's reach 7), so the bar is relative to their size.
                using Tensor reference = RealTokenRows(expected, i);
                double scale = Math.Max(1.0, reference.abs().max().item<float>());
                AssertClose(folder, $"token_embeddings[{i}]", reference, tokens[i], Tolerance * scale);
            }

            if (expected.TryGetProperty("module_outputs_first2", out JsonElement moduleOutputs))
            {
                AssertModuleOutputs(folder, model, sentences[..2], moduleOutputs);
            }

            if (expected.TryGetProperty("document_embeddings", out JsonElement documentEmbeddings))
            {
                // Named prompts (Qwen3-Embedding's instruction, EmbeddingGemma's task prefixes), none by default.
                foreach ((string promptName, JsonElement embeddings) in new[] { ("query", expected.GetProperty("query_embeddings")), ("document", documentEmbeddings) })
                {
                    AssertIds(folder, model, sentences, expected.GetProperty($"{promptName}_input_ids"), model.Options.Prompts[promptName]);
                    AssertClose(folder, $"{promptName}_embeddings", embeddings, model.Embed(sentences, promptName: promptName));
                }

                using Tensor queries = model.Embed(sentences[..4], promptName: "query");
                using Tensor documents = model.Embed(sentences[..4], promptName: "document");
                AssertClose(folder, "similarity_query_document_first4", expected.GetProperty("similarity_query_document_first4"), model.Similarity(queries, documents), 1e-4);
            }
            else if (expected.TryGetProperty("query_embeddings", out JsonElement query))
            {
                AssertIds(folder, model, sentences, expected.GetProperty("query_input_ids"), model.Options.Prompts["query"]);
                AssertClose(folder, "query_embeddings", query, model.Embed(sentences, promptName: "query"));
                AssertIds(folder, model, sentences, expected.GetProperty("no_prompt_input_ids"), string.Empty);
                AssertClose(folder, "no_prompt_embeddings", expected.GetProperty("no_prompt_embeddings"), model.Embed(sentences, prompt: string.Empty));
                Tensor first = model.Embed(sentences[..4]);
                AssertClose(folder, "similarity_first4", expected.GetProperty("similarity_first4"), model.Similarity(first, first), 1e-4);
                Assert.Equal(expected.GetProperty("similarity_fn_name").GetString(), model.Options.SimilarityFunctionName);
            }
        }
    }

    private static void AssertIds(string folder, SentenceTransformer model, string[] sentences, JsonElement expected, string? prompt)
    {
        for (int i = 0; i < sentences.Length; i++)
        {
            int[] want = expected[i].EnumerateArray().Select(e => e.GetInt32()).ToArray();
            int[] got = model.Tokenize(sentences[i], prompt);
            Assert.True(want.SequenceEqual(got), $"{folder}: sentence {i} ({sentences[i]}): ids [{string.Join(' ', got)}], the reference [{string.Join(' ', want)}].");
        }
    }

    // A LoRA case: base/ alone gives base_embeddings, base/ with adapter/ loaded gives embeddings.
    private static void CheckAdapterCase(string folder, string path, JsonElement expected)
    {
        string[] sentences = expected.GetProperty("sentences").EnumerateArray().Select(s => s.GetString()!).ToArray();
        using SentenceTransformer model = ModelFolder.Load(Path.Combine(path, "base"));
        AssertIds(folder, model, sentences, expected.GetProperty("input_ids"), null);
        AssertClose(folder, "base_embeddings", expected.GetProperty("base_embeddings"), model.Embed(sentences));
        model.LoadAdapter(Path.Combine(path, "adapter"));
        AssertClose(folder, "embeddings", expected.GetProperty("embeddings"), model.Embed(sentences));
    }

    // The sentence embedding after each module (Pooling, Dense…, Normalize) for one padded batch, to locate a mismatch.
    private static void AssertModuleOutputs(string folder, SentenceTransformer model, string[] sentences, JsonElement outputs)
    {
        using var scope = NewDisposeScope();
        using var inference = no_grad();
        model.eval();
        (Tensor ids, Tensor mask) = model.Tokenizer.Pad(sentences.Select(s => model.Tokenize(s, null)).ToArray());
        Tensor embedding = Pooling.Apply(model.Options.PoolingModes, model.Transformer.call(ids, mask), mask);
        var stages = new[] { embedding }.Concat(model.PostPoolingModules.Select(module => embedding = module.call(embedding))).ToArray();
        JsonProperty[] expected = outputs.EnumerateObject().ToArray();
        Assert.Equal(expected.Length, stages.Length);
        for (int i = 0; i < stages.Length; i++)
        {
            AssertClose(folder, $"module output {expected[i].Name}", expected[i].Value, stages[i]);
        }
    }

    private static Tensor RealTokenRows(JsonElement expected, int row)
    {
        Tensor all = GoldenJson.ToTensor(expected.GetProperty("token_embeddings")[row]);
        if (!expected.TryGetProperty("token_embeddings_batch", out JsonElement batch))
        {
            return all;
        }

        long[] mask = batch.GetProperty("attention_mask")[row].EnumerateArray().Take((int)all.shape[0]).Select(m => m.GetInt64()).ToArray();
        using Tensor keep = tensor(mask).nonzero().squeeze(1);
        using (all)
        {
            return all.index_select(0, keep);
        }
    }

    private static void AssertClose(string folder, string what, JsonElement expected, Tensor actual, double tolerance = Tolerance)
    {
        using Tensor reference = GoldenJson.ToTensor(expected);
        AssertClose(folder, what, reference, actual, tolerance);
    }

    private static void AssertClose(string folder, string what, Tensor reference, Tensor actual, double tolerance = Tolerance)
    {
        Assert.Equal(reference.shape, actual.shape);
        double difference = (reference - actual.to(ScalarType.Float32)).abs().max().item<float>();
        Assert.True(difference <= tolerance, $"{folder}: {what} differ from the reference by {difference:G3} (tolerance {tolerance:G1}).");
    }
}
