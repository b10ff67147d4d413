using System.Collections.Generic;
using LossGen.SentenceTransformers.Losses;
using LossGen.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Data;

/// <summary>The generated data adapters: typed examples to text columns and labels of the right dtype, with row-level errors.</summary>
[Collection(SequentialCollection.Name)]
public sealed class CollationTests
{
    [Fact]
    public void Pairs_become_two_columns_without_labels()
    {
        TextBatch batch = MultipleNegativesRankingLoss.Collate([new PairExample("a", "b"), new PairExample("c", "d")]);
        Assert.Equal(["a", "c"], batch.Columns[0]);
        Assert.Equal(["b", "d"], batch.Columns[1]);
        Assert.Null(batch.Labels);
    }

    [Fact]
    public void Class_labels_are_int64_and_scores_float32()
    {
        using var leaks = new TensorLeakGuard();
        TextBatch labelled = BatchAllTripletLoss.Collate([new LabeledTextExample("x", 3), new LabeledTextExample("y", 1)]);
        Assert.Equal(ScalarType.Int64, labelled.Labels!.dtype);
        TextBatch scored = CoSENTLoss.Collate([new ScoredPairExample("a", "b", 0.5f)]);
        Assert.Equal(ScalarType.Float32, scored.Labels!.dtype);
        TextBatch binary = ContrastiveLoss.Collate([new BinaryLabeledPairExample("a", "b", true)]);
        Assert.Equal(1L, binary.Labels!.item<long>());
    }

    [Fact]
    public void AnglE_takes_scored_pairs_and_n_tuples_with_or_without_scores_but_not_unscored_pairs()
    {
        using var leaks = new TensorLeakGuard();
        TextBatch triplets = AnglELoss.Collate([new TripletExample("a", "p", "n"), new TripletExample("b", "q", "m")]);
        Assert.Equal(3, triplets.Columns.Count);
        Assert.Null(triplets.Labels);
        TextBatch scoredTuples = AnglELoss.Collate([new InputExample(["a", "p", "n"], 0.8f)]);
        Assert.Equal(0.8f, scoredTuples.Labels!.item<float>());
        TextBatch pairs = AnglELoss.Collate([new ScoredPairExample("a", "b", 0.5f)]);
        Assert.Equal(0.5f, pairs.Labels!.item<float>());

        var unscored = Assert.Throws<LossInputException>(() => AnglELoss.Collate([new InputExample(["a", "b"])]));
        Assert.Contains("AnglELoss: row 0 has no label", unscored.Message);

        // The loss itself: without scores an n-tuple's positives count 1 and its negatives 0.
        using var loss = new AnglELoss(null);
        Tensor[] columns = [randn(4, 8), randn(4, 8), randn(4, 8)];
        Tensor implicitOnes = loss.ComputeFromEmbeddings(columns);
        Tensor explicitOnes = loss.ComputeFromEmbeddings(columns, ones(4));
        Assert.Equal(explicitOnes.item<float>(), implicitOnes.item<float>(), 6);
        Assert.Throws<LossInputException>(() => loss.ComputeFromEmbeddings([columns[0], columns[1]]));
    }

    [Fact]
    public void Untyped_input_examples_are_checked_row_by_row()
    {
        var error = Assert.Throws<LossInputException>(() => CoSENTLoss.Collate([new InputExample(["a", "b"], 0.3f), new InputExample(["c", "d"])]));
        Assert.Contains("CoSENTLoss: row 1 has no label", error.Message);

        var columns = Assert.Throws<LossInputException>(() => TripletLoss.Collate([new InputExample(["a", "b"])]));
        Assert.Contains("TripletLoss expects 3 text column(s); row 0 has 2", columns.Message);

        var binary = Assert.Throws<LossInputException>(() => ContrastiveLoss.Collate([new InputExample(["a", "b"], 2)]));
        Assert.Contains("the label of row 0 is 2", binary.Message);

        var ragged = Assert.Throws<LossInputException>(() => MultipleNegativesRankingLoss.Collate([new AnchorPositiveNegativesExample("a", "b", ["c"]), new AnchorPositiveNegativesExample("d", "e", [])]));
        Assert.Contains("row 1 has 2 text column(s) but row 0 has 3", ragged.Message);
    }

    [Fact]
    public void Teacher_vectors_must_have_one_width()
    {
        var error = Assert.Throws<LossInputException>(() => MSELoss.Collate([new TargetEmbeddingExample(["a"], [1f, 2f]), new TargetEmbeddingExample(["b"], [1f])]));
        Assert.Contains("row 1 has 1 values but row 0 has 2", error.Message);
    }
}
