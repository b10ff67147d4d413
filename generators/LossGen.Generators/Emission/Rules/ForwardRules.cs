namespace LossGen.Generators.Emission.Rules;

/// <summary>The emitter of every grammar rule; a test asserts it covers <see cref="LossGrammar.Rules"/> exactly.</summary>
internal static class ForwardRules
{
    public static readonly IForwardRule[] All =
    [
        new InBatchCrossEntropyRule(Pairing.InBatchNegatives),
        new InBatchCrossEntropyRule(Pairing.SymmetricInBatchNegatives),
        new GuidedCrossEntropyRule(),
        new CoSentRule(),
        new RegressionRule(),
        new KlDivergenceRule(),
        new BinaryCrossEntropyRule(),
        new ContrastiveRule(),
        new MarginSquaredErrorRule(),
        new TripletHingeRule(),
        new BatchTripletRule(Pairing.BatchAll, Objective.Hinge),
        new BatchTripletRule(Pairing.BatchHard, Objective.Hinge),
        new BatchTripletRule(Pairing.BatchHard, Objective.SoftMargin),
        new BatchTripletRule(Pairing.BatchSemiHard, Objective.Hinge),
        new TargetSquaredErrorRule(),
    ];

    public static IForwardRule? Find(Pairing pairing, Objective objective)
    {
        foreach (IForwardRule rule in All)
        {
            if (rule.Pairing == pairing && rule.Objective == objective)
            {
                return rule;
            }
        }

        return null;
    }
}
