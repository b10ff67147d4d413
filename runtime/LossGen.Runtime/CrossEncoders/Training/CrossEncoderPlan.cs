using System.Collections.Generic;
using LossGen.CrossEncoders.Losses;
using LossGen.Training;

namespace LossGen.CrossEncoders.Training;

/// <summary>The dataset plan of a cross-encoder run: each batch collated for its loss into a <see cref="CrossEncoderBatch"/>.</summary>
internal sealed class CrossEncoderPlan : DatasetPlan<CrossEncoderLoss, CrossEncoderBatch>
{
    private CrossEncoderPlan(IReadOnlyList<TrainingSource<CrossEncoderLoss>> sources, TrainingArguments arguments)
        : base(sources, arguments, (loss, examples) => CrossEncoderCollation.Collate(loss.Descriptor, examples))
    {
    }

    /// <summary>Checks the datasets against their losses and the arguments, and forms the plan; everything refusable is refused here.</summary>
    public static CrossEncoderPlan Create(IReadOnlyList<(string Name, SentenceDataset Dataset, CrossEncoderLoss Loss)> datasets, TrainingArguments arguments)
    {
        var plan = new CrossEncoderPlan(CreateSources(datasets, arguments, loss => loss.Descriptor), arguments);
        plan.CheckNotEmpty();
        return plan;
    }
}
