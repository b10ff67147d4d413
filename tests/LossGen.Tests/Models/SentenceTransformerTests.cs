using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LossGen.Backbones;
using LossGen.Evaluation;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Evaluation;
using LossGen.SentenceTransformers.Modules;
using LossGen.Tests.Support;
using Xunit;
using LossGen.Tokenizers;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace LossGen.Tests.Models;

/// <summary>all-MiniLM-L6-v2 in TorchSharp against the reference: token ids, ONNX Runtime on the same file, and STS-B.</summary>
[Collection(SequentialCollection.Name)]
public sealed class SentenceTransformerTests(MiniLmFixture fixture) : IClassFixture<MiniLmFixture>
{
    // Accents, CJK, punctuation, digits, a long text and an empty one.
    private static readonly string[] Sentences =
    [
        "This is an example sentence",
        "Each sentence is converted",
        "",
        "Café déjà vu — 東京",
        "Héllo, WORLD!! Naïve café-owners don't like 3.14159 or $100...",
        "東京は日本の首都です。 Zürich and São Paulo are cities.",
        "A man is playing a guitar.",
        string.Join(' ', Enumerable.Repeat("The quick brown fox jumps over the lazy dog while the band plays on.", 30)),
    ];

    [Fact]
    public void Token_ids_match_Hugging_Face()
    {
        WordPieceTokenizer tokenizer = (WordPieceTokenizer)fixture.Model.Tokenizer;
        Assert.Equal([101, 7668, 2139, 3900, 24728, 1517, 1879, 1755, 102], tokenizer.Encode("Café déjà vu — 東京", 256));
        Assert.Equal([101, 2023, 2003, 2019, 2742, 6251, 102], tokenizer.Encode("This is an example sentence", 256));
        Assert.Equal([101, 102], tokenizer.Encode(string.Empty, 256));
        Assert.Equal(256, tokenizer.Encode(Sentences[^1], 256).Length);

        // Backquotes are punctuation to Hugging Face (ASCII 91–96); a library tokenizer that drops them changes ids.
        Assert.Equal([101, 2029, 2194, 2008, 22027, 2678, 1011, 2208, 8051, 15187, 1996, 1036, 1036, 3565, 2291, 1005, 1005, 1029, 102],
            tokenizer.Encode("Which company that manufactures video-game hardware sells the `` super system '' ?", 256));
        Assert.Equal(tokenizer.Encode("hello world", 256), tokenizer.Encode("\u0000hello\u200b \t\r\nworld\ufffd", 256));
        Assert.Equal(["[UNK]"], tokenizer.Tokenize(new string('x', 101)));
    }

    [Fact]
    public void Embeddings_match_the_published_reference_values()
    {
        using var leaks = new TensorLeakGuard();
        float[] embedding = fixture.Model.Embed(["This is an example sentence"]).data<float>().ToArray();
        Assert.Equal(0.06765693f, embedding[0], 5);
        Assert.Equal(0.06349593f, embedding[1], 5);
    }

    [Fact]
    public void Embeddings_agree_with_ONNX_Runtime_on_the_same_model_file()
    {
        using var leaks = new TensorLeakGuard();
        float[][] ours = Rows(fixture.Model.Embed(Sentences));
        float[][] reference = OnnxReference.Embed(fixture.OnnxModel, Sentences.Select(s => fixture.Model.Tokenizer.Encode(s, 256)).ToArray(), clsPooling: false);

        for (int row = 0; row < Sentences.Length; row++)
        {
            double difference = ours[row].Zip(reference[row], (a, b) => Math.Abs(a - b)).Max();
            Assert.True(difference <= 1e-5, $"sentence {row}: max abs difference {difference:G3}");
        }
    }

    [Fact]
    public void Padding_and_batch_order_do_not_change_an_embedding()
    {
        using var leaks = new TensorLeakGuard();
        Tensor alone = fixture.Model.Embed([Sentences[6]]);
        Tensor batched = fixture.Model.Embed(Sentences).narrow(0, 6, 1);
        Assert.True(allclose(alone, batched, atol: 1e-6));
    }

    [Fact]
    public void Zero_shot_STS_benchmark_test_Spearman_is_the_published_82_03()
    {
        using var leaks = new TensorLeakGuard();
        var (first, second, scores) = StsBenchmark.Read("test");

        SimilarityEvaluation result = new EmbeddingSimilarityEvaluator(first, second, scores, "sts-test").Evaluate(fixture.Model, batchSize: 64);

        Assert.InRange(result.Spearman * 100, 82.03 - 0.05, 82.03 + 0.05);
        Assert.InRange(result.Pearson * 100, 82.74 - 0.05, 82.74 + 0.05);
    }

    [Fact]
    public void Dropout_is_active_in_training_only()
    {
        using var leaks = new TensorLeakGuard();
        SentenceTransformer model = fixture.Model;
        try
        {
            model.SetTraining(true);
            Tensor first = model.Encode(["dropout makes two passes differ"]);
            Tensor second = model.Encode(["dropout makes two passes differ"]);
            Assert.False(allclose(first, second));
            model.SetTraining(false);
            using (no_grad())
            {
                Assert.True(allclose(model.Encode(["same in eval"]), model.Encode(["same in eval"])));
            }
        }
        finally
        {
            model.SetTraining(false);
        }
    }

    [Fact]
    public void The_first_k_layers_can_run_alone()
    {
        using var leaks = new TensorLeakGuard();
        using var noGrad = no_grad();
        Tensor two = fixture.Model.Encode(["only two layers"], layers: 2);
        Tensor six = fixture.Model.Encode(["only two layers"]);
        Assert.Equal(six.shape, two.shape);
        Assert.False(allclose(two, six));
        Assert.Throws<ArgumentOutOfRangeException>(() => fixture.Model.Encode(["x"], layers: 7));
    }

    private static float[][] Rows(Tensor embeddings) =>
        Enumerable.Range(0, (int)embeddings.shape[0]).Select(i => embeddings[i].data<float>().ToArray()).ToArray();
}
