using System.Threading.Tasks;
using LossGen.CodeFixes;
using Xunit;
using LossGen.Analyzers.Tests.Support;
using V = LossGen.Analyzers.Tests.Support.Verify<LossGen.Analyzers.RequiredLoaderAnalyzer>;

namespace LossGen.Analyzers.Tests;

/// <summary>LG1005–LG1010: each case runs every data-pipeline rule, so only the expected one may fire.</summary>
public sealed class DataPipelineAnalyzerTests
{
    [Fact]
    public Task Contrastive_tension_without_its_loader() => VerifyDataPipeline.Analyze("""
        class C
        {
            void Build() => _ = {|#0:new ContrastiveTensionLoss(null)|};
        }
        """,
        V.Diagnostic("LG1005").WithLocation(0).WithArguments("ContrastiveTensionLoss", "Build", "ContrastiveTensionDataLoader"));

    [Fact]
    public Task Denoising_auto_encoder_without_its_dataset() => VerifyDataPipeline.Analyze("""
        class C
        {
            void Build() => _ = {|#0:new DenoisingAutoEncoderLoss(null)|};
        }
        """,
        V.Diagnostic("LG1005").WithLocation(0).WithArguments("DenoisingAutoEncoderLoss", "Build", "DenoisingAutoEncoderDataset"));

    [Fact]
    public Task Contrastive_tension_with_its_loader_is_fine() => VerifyDataPipeline.Analyze("""
        class C
        {
            void Build(List<string> sentences)
            {
                _ = new ContrastiveTensionLoss(null);
                _ = new ContrastiveTensionDataLoader(sentences, 16);
            }
        }
        """);

    [Fact]
    public Task In_batch_contrastive_tension_with_the_tension_loader() => VerifyDataPipeline.Analyze("""
        class C
        {
            void Build(List<string> sentences)
            {
                _ = {|#0:new ContrastiveTensionLossInBatchNegatives(null)|};
                _ = new ContrastiveTensionDataLoader(sentences, 16);
            }
        }
        """,
        V.Diagnostic("LG1006").WithLocation(0).WithArguments("ContrastiveTensionLossInBatchNegatives", "Build", "ContrastiveTensionDataLoader"));

    [Fact]
    public Task Batch_triplet_loss_without_the_grouping_sampler() => VerifyDataPipeline.Analyze("""
        class C
        {
            void Build() => _ = {|#0:new BatchHardTripletLoss(null)|};
        }
        """,
        V.Diagnostic("LG1007").WithLocation(0).WithArguments("BatchHardTripletLoss", "Build", "GroupByLabelBatchSampler", "batches of randomly drawn examples may hold no two examples of a label, and then there is nothing to mine"));

    [Fact]
    public Task In_batch_negatives_with_batches_of_one() => VerifyDataPipeline.Analyze("""
        class C
        {
            void Build(List<PairExample> pairs)
            {
                _ = new MultipleNegativesRankingLoss(null);
                _ = new NoDuplicatesBatchSampler<PairExample>(pairs, {|#0:batchSize: 1|});
            }
        }
        """,
        V.Diagnostic("LG1008").WithLocation(0).WithArguments("MultipleNegativesRankingLoss"));

    [Fact]
    public Task In_batch_negatives_with_the_no_duplicates_sampler_are_fine() => VerifyDataPipeline.Analyze("""
        class C
        {
            void Build(List<PairExample> pairs)
            {
                _ = new MultipleNegativesRankingLoss(null);
                _ = new NoDuplicatesBatchSampler<PairExample>(pairs, batchSize: 32);
            }
        }
        """);

    [Fact]
    public Task MegaBatchMarginLoss_with_small_batches_and_a_mini_batch_size_that_does_not_divide() => VerifyDataPipeline.Analyze("""
        class C
        {
            void Build(List<PairExample> pairs)
            {
                _ = new MegaBatchMarginLoss(null, miniBatchSize: 64);
                _ = new NoDuplicatesBatchSampler<PairExample>(pairs, {|#0:batchSize: 100|});
            }
        }
        """,
        V.Diagnostic("LG1009").WithLocation(0).WithArguments("MegaBatchMarginLoss", 500, "Build", 100),
        V.Diagnostic("LG1010").WithLocation(0).WithArguments("MegaBatchMarginLoss", 64, 100, "Build"));

    [Fact]
    public Task MegaBatchMarginLoss_with_a_large_evenly_split_batch_is_fine() => VerifyDataPipeline.Analyze("""
        class C
        {
            void Build(List<PairExample> pairs)
            {
                _ = new MegaBatchMarginLoss(null);
                _ = new NoDuplicatesBatchSampler<PairExample>(pairs, batchSize: 500);
            }
        }
        """);

    [Fact]
    public Task The_code_fix_batches_with_the_recommended_sampler() => Verify<RecommendedSamplerAnalyzer>.Fix<UseRecommendedSamplerCodeFix>("""
        class C
        {
            void Build(List<PairExample> pairs)
            {
                var loss = {|#0:new MultipleNegativesRankingLoss(null)|};
                foreach (var batch in pairs.Chunk(32))
                {
                    _ = loss.CollateBatch(batch);
                }
            }
        }
        """, """
        class C
        {
            void Build(List<PairExample> pairs)
            {
                var loss = new MultipleNegativesRankingLoss(null);
                foreach (var batch in new NoDuplicatesBatchSampler<PairExample>(pairs, 32))
                {
                    _ = loss.CollateBatch(batch);
                }
            }
        }
        """,
        V.Diagnostic("LG1007").WithLocation(0).WithArguments("MultipleNegativesRankingLoss", "Build", "NoDuplicatesBatchSampler", "a batch may hold the same text twice, which then counts as a false negative"));

    [Fact]
    public Task The_code_fix_batches_sentences_with_the_required_loader() => V.Fix<UseRightLoaderCodeFix>("""
        class C
        {
            void Build(List<string> sentences)
            {
                var loss = {|#0:new ContrastiveTensionLoss(null)|};
                foreach (var batch in sentences.Chunk(16))
                {
                }
            }
        }
        """, """
        class C
        {
            void Build(List<string> sentences)
            {
                var loss = new ContrastiveTensionLoss(null);
                foreach (var batch in new LossGen.ContrastiveTensionDataLoader(sentences, 16))
                {
                }
            }
        }
        """,
        V.Diagnostic("LG1005").WithLocation(0).WithArguments("ContrastiveTensionLoss", "Build", "ContrastiveTensionDataLoader"));

    [Fact]
    public Task The_code_fix_replaces_a_refused_loader_with_plain_pairs() => Verify<RefusedLoaderAnalyzer>.Fix<UseRightLoaderCodeFix>("""
        class C
        {
            void Build(List<string> sentences)
            {
                var loss = {|#0:new ContrastiveTensionLossInBatchNegatives(null)|};
                var loader = new ContrastiveTensionDataLoader(sentences, 16);
            }
        }
        """, """
        class C
        {
            void Build(List<string> sentences)
            {
                var loss = new ContrastiveTensionLossInBatchNegatives(null);
                var loader = new LossGen.NoDuplicatesBatchSampler<LossGen.PairExample>(sentences.Select(s => new LossGen.PairExample(s, s)).ToList(), 16);
            }
        }
        """,
        V.Diagnostic("LG1006").WithLocation(0).WithArguments("ContrastiveTensionLossInBatchNegatives", "Build", "ContrastiveTensionDataLoader"));
}
