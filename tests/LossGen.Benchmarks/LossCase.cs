using System;
using System.Collections.Generic;
using LossGen;
using LossGen.SentenceTransformers.Losses;
using static TorchSharp.torch;

namespace LossGen.Benchmarks;

/// <summary>One benchmarked loss configuration, named as in the reference's baseline file.</summary>
public sealed record LossCase(string Name, int Columns, Func<SentenceLoss> Create, Func<long, Tensor?> Labels, bool Guided = false)
{
    public override string ToString() => Name;

    public static IReadOnlyList<LossCase> All { get; } =
    [
        new("BatchAllTripletLoss[eucledian_distance]", 1, () => new BatchAllTripletLoss(null), ClassLabels),
        new("BatchAllTripletLoss[cosine_distance]", 1, () => new BatchAllTripletLoss(null, BatchDistanceMetric.Cosine), ClassLabels),
        new("BatchHardTripletLoss[eucledian_distance]", 1, () => new BatchHardTripletLoss(null), ClassLabels),
        new("BatchHardTripletLoss[cosine_distance]", 1, () => new BatchHardTripletLoss(null, BatchDistanceMetric.Cosine), ClassLabels),
        new("BatchSemiHardTripletLoss[eucledian_distance]", 1, () => new BatchSemiHardTripletLoss(null), ClassLabels),
        new("BatchSemiHardTripletLoss[cosine_distance]", 1, () => new BatchSemiHardTripletLoss(null, BatchDistanceMetric.Cosine), ClassLabels),
        new("BatchHardSoftMarginTripletLoss[eucledian_distance]", 1, () => new BatchHardSoftMarginTripletLoss(null), ClassLabels),
        new("BatchHardSoftMarginTripletLoss[cosine_distance]", 1, () => new BatchHardSoftMarginTripletLoss(null, BatchDistanceMetric.Cosine), ClassLabels),
        new("ContrastiveLoss[EUCLIDEAN]", 2, () => new ContrastiveLoss(null, SiameseDistanceMetric.Euclidean), BinaryLabels),
        new("ContrastiveLoss[MANHATTAN]", 2, () => new ContrastiveLoss(null, SiameseDistanceMetric.Manhattan), BinaryLabels),
        new("ContrastiveLoss[COSINE_DISTANCE]", 2, () => new ContrastiveLoss(null), BinaryLabels),
        new("OnlineContrastiveLoss[EUCLIDEAN]", 2, () => new OnlineContrastiveLoss(null, SiameseDistanceMetric.Euclidean), BinaryLabels),
        new("OnlineContrastiveLoss[MANHATTAN]", 2, () => new OnlineContrastiveLoss(null, SiameseDistanceMetric.Manhattan), BinaryLabels),
        new("OnlineContrastiveLoss[COSINE_DISTANCE]", 2, () => new OnlineContrastiveLoss(null), BinaryLabels),
        new("ContrastiveTensionLossInBatchNegatives", 2, () => new ContrastiveTensionLossInBatchNegatives(null), NoLabels),
        new("ContrastiveTensionLoss", 2, () => new ContrastiveTensionLoss(null), BinaryLabels),
        new("CoSENTLoss", 2, () => new CoSENTLoss(null), Scores),
        new("AnglELoss", 2, () => new AnglELoss(null), Scores),
        new("CosineSimilarityLoss", 2, () => new CosineSimilarityLoss(null), Scores),
        new("MSELoss", 1, () => new MSELoss(null), b => randn(b, Dimension)),
        new("MarginMSELoss", 3, () => new MarginMSELoss(null), b => randn(b)),
        new("MultipleNegativesRankingLoss[pairs]", 2, () => new MultipleNegativesRankingLoss(null), NoLabels),
        new("MultipleNegativesRankingLoss[triplets]", 3, () => new MultipleNegativesRankingLoss(null), NoLabels),
        new("CachedMultipleNegativesRankingLoss[pairs,mb32]", 2, () => new CachedMultipleNegativesRankingLoss(null), NoLabels),
        new("MultipleNegativesSymmetricRankingLoss[pairs]", 2, () => new MultipleNegativesSymmetricRankingLoss(null), NoLabels),
        new("MegaBatchMarginLoss[plain]", 2, () => new MegaBatchMarginLoss(null, useMiniBatchedVersion: false), NoLabels),
        new("MegaBatchMarginLoss[mini,mb50]", 2, () => new MegaBatchMarginLoss(null), NoLabels),
        new("SoftmaxLoss[3 labels]", 2, () => new SoftmaxLoss(null, Dimension, 3), b => randint(3, b)),
        new("TripletLoss[COSINE]", 3, () => new TripletLoss(null, TripletDistanceMetric.Cosine), NoLabels),
        new("TripletLoss[EUCLIDEAN]", 3, () => new TripletLoss(null), NoLabels),
        new("TripletLoss[MANHATTAN]", 3, () => new TripletLoss(null, TripletDistanceMetric.Manhattan), NoLabels),
        new("MatryoshkaLoss[MNRL,4 dims]", 2, () => new MatryoshkaLoss(null, new MultipleNegativesRankingLoss(null), [384, 256, 128, 64]), NoLabels),
        new("MatryoshkaLoss[CoSENT,4 dims]", 2, () => new MatryoshkaLoss(null, new CoSENTLoss(null), [384, 256, 128, 64]), Scores),
        new("GISTEmbedLoss[pairs]", 2, () => new GISTEmbedLoss(null, null), NoLabels, Guided: true),
        new("DistillKLDivLoss", 3, () => new DistillKLDivLoss(null), b => randn(b, 2)),
    ];

    public const int Dimension = 384;

    // Labels as the reference's timing script draws them: about four examples per class.
    private static Tensor? ClassLabels(long batch) => randint(Math.Max(1, batch / 4), batch);

    private static Tensor? BinaryLabels(long batch) => randint(2, batch);

    private static Tensor? Scores(long batch) => rand(batch);

    private static Tensor? NoLabels(long batch) => null;
}
