using System.Collections.Generic;
using LossGen.Generators.Emission.Rules.CrossEncoders;
using LossGen.Generators.Emission.Rules.SentenceTransformers;

namespace LossGen.Generators.Emission.Rules;

/// <summary>The emitter of every grammar rule, per model family; a test asserts they cover <see cref="LossGrammar.Rules"/> exactly.</summary>
internal static class ForwardRules
{
    public static readonly IForwardRule[] SentenceTransformer =
    [
        new InBatchCrossEntropyRule(Pairing.InBatchNegatives),
        new InBatchCrossEntropyRule(Pairing.SymmetricInBatchNegatives),
        new GuidedCrossEntropyRule(),
        new CoSentRule(),
        new RegressionRule(),
        new KlDivergenceRule(),
        new SentenceTransformers.BinaryCrossEntropyRule(),
        new ContrastiveRule(),
        new SentenceTransformers.MarginSquaredErrorRule(),
        new TripletHingeRule(),
        new BatchTripletRule(Pairing.BatchAll, Objective.Hinge),
        new BatchTripletRule(Pairing.BatchHard, Objective.Hinge),
        new BatchTripletRule(Pairing.BatchHard, Objective.SoftMargin),
        new BatchTripletRule(Pairing.BatchSemiHard, Objective.Hinge),
        new TeacherEmbeddingRule(Objective.SquaredError),
        new TeacherEmbeddingRule(Objective.EmbeddingDistance),
    ];

    public static readonly IForwardRule[] CrossEncoder =
    [
        new CrossEncoders.BinaryCrossEntropyRule(),
        new ClassCrossEntropyRule(),
        new SquaredErrorRule(),
        new CrossEncoders.MarginSquaredErrorRule(),
        new SampledNegativesCrossEntropyRule(),
        new ListNetRule(),
        new PlackettLuceRule(Objective.ListMle),
        new PlackettLuceRule(Objective.PListMle),
        new PairwiseRankingRule(Objective.RankNet),
        new PairwiseRankingRule(Objective.Lambda),
        new ApproxRankRule(),
    ];

    public static IReadOnlyList<IForwardRule> Of(ModelFamily family) => family == ModelFamily.CrossEncoder ? CrossEncoder : SentenceTransformer;

    public static IForwardRule? Find(ModelFamily family, Pairing pairing, Objective objective)
    {
        foreach (IForwardRule rule in Of(family))
        {
            if (rule.Pairing == pairing && rule.Objective == objective)
            {
                return rule;
            }
        }

        return null;
    }
}
