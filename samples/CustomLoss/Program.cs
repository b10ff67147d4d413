using CustomLoss;
using LossGen.SentenceTransformers.Losses;

// The same training with a grammar declaration (the generator writes the math) and a [LossMath] one (the math is a method).
foreach ((string name, System.Func<ISentenceEncoder, SentenceLoss> create) in new (string, System.Func<ISentenceEncoder, SentenceLoss>)[]
{
    (nameof(CosineBatchHardSoftMarginLoss), model => new CosineBatchHardSoftMarginLoss(model)),
    (nameof(SupervisedContrastiveLoss), model => new SupervisedContrastiveLoss(model)),
})
{
    (double before, double after, var losses) = TopicTraining.Run(createLoss: create);
    System.Console.WriteLine($"{name}: {losses.Count} steps, first loss {losses[0]:F4}, last loss {losses[^1]:F4}");
    System.Console.WriteLine($"{name}: held-out nearest-neighbour topic accuracy before {before:F3}, after {after:F3}");
}
