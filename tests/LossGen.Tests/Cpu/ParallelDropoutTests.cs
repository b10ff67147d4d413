using System.IO;
using System.Linq;
using LossGen.Backbones;
using LossGen.Cpu;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Serialization;
using LossGen.Serialization;
using LossGen.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Cpu;

[Collection(SequentialCollection.Name)]
public sealed class ParallelDropoutTests
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    public void A_mask_keeps_each_element_with_probability_one_minus_p_scaled_by_its_inverse(double probability)
    {
        using var leaks = new TensorLeakGuard();
        using Tensor mask = ParallelDropout.Mask(seed: 12345, probability, rowCount: 1000, channels: 387, rows: null);
        float kept = (float)(1 / (1 - probability));
        Assert.Equal(mask.numel(), mask.eq(0).logical_or(mask.eq(kept)).sum().item<long>());
        double share = mask.ne(0).to(float64).mean().item<double>();
        // 387 000 Bernoulli draws: the kept share is within 5 standard deviations of 1 − p.
        Assert.InRange(share, 1 - probability - (5 * System.Math.Sqrt(probability * (1 - probability) / 387000)), 1 - probability + (5 * System.Math.Sqrt(probability * (1 - probability) / 387000)));
        // Neighbouring elements and rows are not correlated: the share of equal neighbours is p² + (1 − p)².
        double same = mask[.., 1..].eq(mask[.., ..^1]).to(float64).mean().item<double>();
        Assert.InRange(same, (probability * probability) + ((1 - probability) * (1 - probability)) - 0.01, (probability * probability) + ((1 - probability) * (1 - probability)) + 0.01);
    }

    [Fact]
    public void Any_rows_of_a_mask_drawn_alone_and_on_any_number_of_threads_equal_those_rows_of_the_whole()
    {
        using var leaks = new TensorLeakGuard();
        using Tensor whole = ParallelDropout.Mask(99, 0.1, 64, 384, null);
        using (IntraOpThreads.Set(1))
        {
            using Tensor single = ParallelDropout.Mask(99, 0.1, 64, 384, null);
            using Tensor rows = ParallelDropout.Mask(99, 0.1, 3, 384, [5, 0, 63]);
            using Tensor other = ParallelDropout.Mask(100, 0.1, 64, 384, null);
            Assert.True(whole.equal(single).all().item<bool>());
            Assert.True(rows.equal(whole.index_select(0, tensor(new long[] { 5, 0, 63 }))).all().item<bool>());
            Assert.False(other.equal(whole).all().item<bool>());
        }
    }

    [Fact]
    public void Training_with_the_parallel_sampler_drops_and_the_torch_seed_fixes_its_masks()
    {
        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = ModelFolder.Load(Path.Combine(RepositoryPaths.GoldenModels, "bert-uncased-mean-normalize"), new ModelLoadOptions { Dropout = 0.1 });
        model.Transformer.DropoutSampler = DropoutSampler.Parallel;
        string[] texts = ["a man is playing a guitar", "two words", "the band plays on and on"];
        float Loss(bool training, long seed)
        {
            using var scope = NewDisposeScope();
            using var loss = new MultipleNegativesRankingLoss(model);
            model.SetTraining(training);
            manual_seed(seed);
            using (no_grad())
            {
                return loss.Compute(new TextBatch([texts, texts.Reverse().ToArray()])).item<float>();
            }
        }

        float first = Loss(true, 3), again = Loss(true, 3), reseeded = Loss(true, 4), evaluated = Loss(false, 3);
        Assert.Equal(first, again);
        Assert.NotEqual(first, reseeded);
        Assert.NotEqual(first, evaluated);
    }
}
