using System.Threading.Tasks;
using Xunit;
using V = LossGen.Analyzers.Tests.Support.Verify<LossGen.Analyzers.ExampleKindAnalyzer>;

namespace LossGen.Analyzers.Tests;

public sealed class ExampleKindAnalyzerTests
{
    [Fact]
    public Task Unlabelled_pairs_to_a_batch_triplet_loss() => V.Analyze("""
        class C
        {
            TextBatch Build(List<PairExample> pairs) => {|#0:new BatchAllTripletLoss(null).CollateBatch(pairs)|};
        }
        """,
        V.Diagnostic("LG1004").WithLocation(0).WithArguments("BatchAllTripletLoss", "single-text-with-class-label (LabeledTextExample)", "PairExample holds (anchor, positive) pair (PairExample) data"));

    [Fact]
    public Task Pairs_to_triplet_loss_and_unscored_pairs_to_CoSENT_and_scores_to_a_contrastive_loss() => V.Analyze("""
        class C
        {
            void Build(List<PairExample> pairs, List<ScoredPairExample> scored)
            {
                _ = {|#0:new TripletLoss(null).CollateBatch(pairs)|};
                _ = {|#1:new CoSENTLoss(null).CollateBatch(pairs)|};
                _ = {|#2:new ContrastiveLoss(null).CollateBatch(scored)|};
            }
        }
        """,
        V.Diagnostic("LG1004").WithLocation(0).WithArguments("TripletLoss", "(anchor, positive, negative) triplet (TripletExample)", "PairExample holds (anchor, positive) pair (PairExample) data"),
        V.Diagnostic("LG1004").WithLocation(1).WithArguments("CoSENTLoss", "pair-with-float-score (ScoredPairExample)", "PairExample holds (anchor, positive) pair (PairExample) data"),
        V.Diagnostic("LG1004").WithLocation(2).WithArguments("ContrastiveLoss", "pair-with-0/1-label (BinaryLabeledPairExample)", "ScoredPairExample holds pair-with-float-score (ScoredPairExample) data"));

    [Fact]
    public Task Input_examples_without_a_label_for_a_labelled_loss() => V.Analyze("""
        class C
        {
            TextBatch Build()
            {
                var examples = new List<InputExample> { {|#0:new InputExample(new[] { "a sentence" })|}, new InputExample(new[] { "another" }, 1L) };
                return BatchHardTripletLoss.Collate(examples);
            }
        }
        """,
        V.Diagnostic("LG1004").WithLocation(0).WithArguments("BatchHardTripletLoss", "single-text-with-class-label (LabeledTextExample)", "an InputExample here has no label"));

    [Fact]
    public Task Input_examples_with_too_few_texts() => V.Analyze("""
        class C
        {
            TextBatch Build() => TripletLoss.Collate(new List<InputExample> { {|#0:new InputExample(new[] { "a", "b" })|} });
        }
        """,
        V.Diagnostic("LG1004").WithLocation(0).WithArguments("TripletLoss", "(anchor, positive, negative) triplet (TripletExample)", "an InputExample here has 2 text(s)"));

    [Fact]
    public Task Grouping_unlabelled_examples_by_label() => V.Analyze("""
        class C
        {
            void Build(List<PairExample> pairs) => _ = {|#0:new GroupByLabelBatchSampler<PairExample>(pairs, 16)|};
        }
        """,
        V.Diagnostic("LG1004").WithLocation(0).WithArguments("GroupByLabelBatchSampler", "class-labelled", "PairExample has no class label"));

    [Fact]
    public Task Matching_examples_are_fine() => V.Analyze("""
        class C
        {
            void Build(List<TripletExample> triplets, List<LabeledTextExample> labelled)
            {
                _ = new MultipleNegativesRankingLoss(null).CollateBatch(triplets);
                _ = new BatchAllTripletLoss(null).CollateBatch(labelled);
                _ = CoSENTLoss.Collate(new List<InputExample> { new InputExample(new[] { "a", "b" }, 0.4f) });
                _ = new GroupByLabelBatchSampler<LabeledTextExample>(labelled, 16);
            }
        }
        """);
}
