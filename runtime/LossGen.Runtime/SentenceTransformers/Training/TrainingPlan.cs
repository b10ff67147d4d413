using System.Collections.Generic;
using LossGen.SentenceTransformers.Losses;
using LossGen.Training;

namespace LossGen.SentenceTransformers.Training;

/// <summary>The dataset plan of a sentence-transformer run: each batch collated by its loss into text columns.</summary>
internal sealed class TrainingPlan : DatasetPlan<SentenceLoss, TextBatch>
{
    private TrainingPlan(IReadOnlyList<TrainingSource<SentenceLoss>> sources, TrainingArguments arguments)
        : base(sources, arguments, (loss, examples) => loss.CollateBatch(examples))
    {
    }

    /// <summary>Checks the datasets against their losses, the model and the arguments, and forms the plan; everything refusable is refused here.</summary>
    public static TrainingPlan Create(SentenceTransformer model, IReadOnlyList<(string Name, SentenceDataset Dataset, SentenceLoss Loss)> datasets, TrainingArguments arguments)
    {
        if (arguments.Prompts is not null && !model.Options.IncludePrompt)
        {
            throw new System.ArgumentException("TrainingArguments.Prompts: the model's Pooling has include_prompt = false, and LossGen does not yet leave prompt tokens out of the pooling in training; train without prompts or with include_prompt = true.", nameof(arguments));
        }

        var plan = new TrainingPlan(CreateSources(datasets, arguments, loss => loss.Descriptor), arguments);
        plan.CheckNotEmpty();
        return plan;
    }
}
