using System;
using System.Linq;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Training;
using LossGen.Tests.Support;
using LossGen.Training;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Losses;

/// <summary>TSDAE on a real (tiny) BERT: a decoder tied to the encoder learns to reconstruct sentences from their embedding.</summary>
[Collection(SequentialCollection.Name)]
public sealed class DenoisingAutoEncoderTests
{
    [Fact]
    public void The_tied_decoder_shares_the_encoder_and_learns_to_reconstruct()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = TinyBert.Create(seed: 12);
        using var loss = new DenoisingAutoEncoderLoss(model);
        string[] owned = loss.named_parameters().Select(p => p.name).ToArray();
        Assert.Contains(owned, n => n.StartsWith("decoder.crossattention.0.", StringComparison.Ordinal));
        Assert.DoesNotContain(owned, n => n.Contains("embeddings", StringComparison.Ordinal) || n.Contains("intermediate", StringComparison.Ordinal));

        var dataset = new DenoisingAutoEncoderDataset(TinyBert.Sentences(12), random: new Random(1));
        using var trainer = new SentenceTransformerTrainer(model, [loss], totalSteps: 40, new TrainingArguments { LearningRate = 3e-3, WarmupRatio = 0 });
        var reports = trainer.Train([(Enumerable.Range(0, 10).SelectMany(_ => dataset.Chunk(3)).Select(b => DenoisingAutoEncoderLoss.Collate(b)), loss)]);

        Assert.Equal(40, reports.Count);
        Assert.True(reports.TakeLast(5).Average(r => r.Loss) < reports.Take(5).Average(r => r.Loss) * 0.8, $"{reports[0].Loss} → {reports[^1].Loss}");
        Assert.Throws<NotSupportedException>(() => loss.ComputeFromEmbeddings([zeros(2, 16), zeros(2, 16)]));
    }

    [Fact]
    public void Deletion_noise_keeps_at_least_one_word_and_joins_punctuation()
    {
        var random = new Random(3);
        string damaged = DenoisingAutoEncoderDataset.Delete("The cat, quite happily, sat on the mat.", 0.6, random);
        string[] original = ["The", "cat", ",", "quite", "happily", "sat", "on", "the", "mat", "."];
        Assert.All(damaged.Replace(",", " ,").Replace(".", " .").Split(' ', StringSplitOptions.RemoveEmptyEntries), w => Assert.Contains(w, original));
        Assert.DoesNotContain(" ,", damaged);
        Assert.NotEmpty(DenoisingAutoEncoderDataset.Delete("word", 1.0, random));
        Assert.Equal(string.Empty, DenoisingAutoEncoderDataset.Delete(string.Empty, 0.6, random));

        var dataset = new DenoisingAutoEncoderDataset(["a b c d e f"], text => text.ToUpperInvariant());
        Assert.Equal(new PairExample("A B C D E F", "a b c d e f"), dataset[0]);
    }
}
