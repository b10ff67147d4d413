using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Sampling;
using LossGen.Serialization;
using static TorchSharp.torch;

namespace LossGen.Training;

/// <summary>One training dataset as the plan samples it: its rows for the loss, the loss, and its batch sampler.</summary>
internal sealed record TrainingSource<TLoss>(string Name, SentenceDataset Dataset, IReadOnlyList<InputExample> Examples, TLoss Loss, BatchIndexSampler Sampler);

/// <summary>
/// The batches of a run from datasets, formed as sentence-transformers' trainer forms them for every model family: the
/// batch sampler of each dataset, the multi-dataset sampler over them, the generator seeding, the epochs, the
/// accumulation groups, and the step count derived from all of that.
/// </summary>
internal class DatasetPlan<TLoss, TBatch>
{
    // The name sentence-transformers' model card gives a single, unnamed training dataset.
    private const string SingleDatasetName = "train";

    private readonly TrainingArguments _arguments;
    private readonly Func<TLoss, IReadOnlyList<InputExample>, TBatch> _collate;

    protected DatasetPlan(IReadOnlyList<TrainingSource<TLoss>> sources, TrainingArguments arguments, Func<TLoss, IReadOnlyList<InputExample>, TBatch> collate)
    {
        Sources = sources;
        _arguments = arguments;
        _collate = collate;
        BatchesPerEpoch = sources.Count == 1 ? sources[0].Sampler.Count
            : arguments.MultiDatasetBatchSampler == MultiDatasetBatchSamplers.RoundRobin ? sources.Min(s => s.Sampler.Count) * sources.Count
            : sources.Sum(s => s.Sampler.Count);
        // transformers (≥ 4.46): an epoch's last, shorter accumulation group is a step of its own.
        UpdatesPerEpoch = (BatchesPerEpoch + arguments.GradientAccumulationSteps - 1) / arguments.GradientAccumulationSteps;
        TotalSteps = arguments.MaxSteps ?? checked(UpdatesPerEpoch * arguments.NumTrainEpochs);
    }

    public IReadOnlyList<TrainingSource<TLoss>> Sources { get; }

    public int BatchesPerEpoch { get; }

    public int UpdatesPerEpoch { get; }

    public int TotalSteps { get; }

    /// <summary>A hash of every dataset's name and rows as the loss reads them (texts and label), which the ranks of a data-parallel run compare.</summary>
    public long Fingerprint()
    {
        var fingerprint = new Distributed.RunFingerprint();
        foreach (TrainingSource<TLoss> source in Sources)
        {
            fingerprint.Add(source.Name);
            foreach (InputExample example in source.Examples)
            {
                fingerprint.AddValue(example.Texts).AddValue(example.Label);
            }
        }

        return fingerprint.Value;
    }

    /// <summary>The model card's account of each training dataset (a file's name, never its machine path: the card travels with the model) and its loss.</summary>
    public IEnumerable<TrainingDatasetInfo> Describe(Func<TLoss, string> lossName, Func<TLoss, IReadOnlyDictionary<string, object?>> lossConfig) =>
        Sources.Select(s => new TrainingDatasetInfo(s.Name, System.IO.Path.GetFileName(s.Dataset.Source), s.Dataset.Count, s.Dataset.Columns, lossName(s.Loss), lossConfig(s.Loss)));

    /// <summary>
    /// Checks the datasets against their losses (through <paramref name="describe"/>) and the arguments, and forms each
    /// dataset's examples and sampler; everything refusable is refused here.
    /// </summary>
    protected static IReadOnlyList<TrainingSource<TLoss>> CreateSources(IReadOnlyList<(string Name, SentenceDataset Dataset, TLoss Loss)> datasets, TrainingArguments arguments, Func<TLoss, LossDescriptor> describe)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(arguments.NumTrainEpochs, 1, nameof(TrainingArguments.NumTrainEpochs));
        ArgumentOutOfRangeException.ThrowIfLessThan(arguments.BatchSize, 1, nameof(TrainingArguments.BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(arguments.GradientAccumulationSteps, 1, nameof(TrainingArguments.GradientAccumulationSteps));
        ArgumentOutOfRangeException.ThrowIfNegative(arguments.WarmupSteps, nameof(TrainingArguments.WarmupSteps));
        if (arguments.MaxSteps is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(arguments), arguments.MaxSteps, "TrainingArguments.MaxSteps must be at least 1.");
        }

        if (arguments.BatchSampler == BatchSamplers.GroupByLabel && arguments.BatchSize % 2 != 0)
        {
            throw new ArgumentException($"TrainingArguments.BatchSize {arguments.BatchSize}: the GroupByLabel batch sampler needs an even batch size.", nameof(arguments));
        }

        var sources = new List<TrainingSource<TLoss>>(datasets.Count);
        foreach ((string name, SentenceDataset dataset, TLoss loss) in datasets)
        {
            IReadOnlyList<InputExample> examples = dataset.ToExamples(describe(loss));
            sources.Add(new TrainingSource<TLoss>(name, dataset, WithPrompts(examples, dataset, name, arguments.Prompts), loss, Sampler(examples, dataset, arguments)));
        }

        return sources;
    }

    /// <summary>Refuses a plan with not one batch.</summary>
    protected void CheckNotEmpty()
    {
        if (BatchesPerEpoch == 0)
        {
            throw new ArgumentException($"{string.Join(", ", Sources.Select(s => $"{s.Dataset.Source} ({s.Dataset.Count} rows)"))}: not one batch of {_arguments.BatchSize}{(_arguments.DropLast ? " with DropLast" : string.Empty)}.", "datasets");
        }
    }

    /// <summary>The single dataset of a run, named as sentence-transformers names it.</summary>
    public static IReadOnlyList<(string, SentenceDataset, TLoss)> Single(SentenceDataset dataset, TLoss loss) => [(SingleDatasetName, dataset, loss)];

    /// <summary>Every step of the run, epoch after epoch, until <see cref="TotalSteps"/>.</summary>
    public IEnumerable<TrainingUpdate<TLoss, TBatch>> Updates()
    {
        int steps = 0;
        using var generator = new Generator((ulong)_arguments.Seed);
        for (int epoch = 0; steps < TotalSteps; epoch++)
        {
            int inEpoch = 0;
            foreach (var group in EpochBatches(generator, epoch).Take(BatchesPerEpoch).Chunk(_arguments.GradientAccumulationSteps))
            {
                if (steps == TotalSteps)
                {
                    yield break;
                }

                steps++;
                var batches = group.Select(b => (b.Source.Loss, (Func<TBatch>)(() => _collate(b.Source.Loss, b.Rows.Select(i => b.Source.Examples[i]).ToArray())))).ToArray();
                yield return new TrainingUpdate<TLoss, TBatch>(epoch + (double)++inEpoch / UpdatesPerEpoch, batches) { BeginsEpoch = inEpoch == 1 };
            }

            if (inEpoch == 0)
            {
                yield break;
            }
        }
    }

    /// <summary>The batches of <paramref name="epoch"/>, every one the samplers yield (the run takes <see cref="BatchesPerEpoch"/> of them).</summary>
    internal IEnumerable<(TrainingSource<TLoss> Source, int[] Rows)> EpochBatches(Generator generator, int epoch)
    {
        // One dataset: accelerate swaps the trainer's RandomSampler for its seedable one, reseeded with seed + epoch (the
        // other samplers reseed the generator themselves). Several: the multi-dataset sampler reseeds it so.
        generator.manual_seed(_arguments.Seed + epoch);
        if (Sources.Count == 1)
        {
            return Sources[0].Sampler.Batches(generator, epoch).Select(rows => (Sources[0], rows));
        }

        // The trainer never passes the epoch on to the datasets' own samplers: they see epoch 0 every epoch.
        return _arguments.MultiDatasetBatchSampler == MultiDatasetBatchSamplers.RoundRobin ? RoundRobin(generator) : Proportional(generator);
    }

    private IEnumerable<(TrainingSource<TLoss>, int[])> RoundRobin(Generator generator)
    {
        IEnumerator<int[]>[] batches = Sources.Select(s => s.Sampler.Batches(generator, 0).GetEnumerator()).ToArray();
        try
        {
            for (int i = 0; batches[i].MoveNext(); i = (i + 1) % batches.Length)
            {
                yield return (Sources[i], batches[i].Current);
            }
        }
        finally
        {
            Array.ForEach(batches, b => b.Dispose());
        }
    }

    private IEnumerable<(TrainingSource<TLoss>, int[])> Proportional(Generator generator)
    {
        int[] datasetOfBatch = Sources.SelectMany((s, i) => Enumerable.Repeat(i, s.Sampler.Count)).ToArray();
        IEnumerator<int[]>[] batches = Sources.Select(s => s.Sampler.Batches(generator, 0).GetEnumerator()).ToArray();
        try
        {
            long[] order;
            using (Tensor permutation = randperm(datasetOfBatch.Length, generator: generator))
            {
                order = permutation.data<long>().ToArray();
            }

            foreach (long pick in order)
            {
                int dataset = datasetOfBatch[pick];
                if (batches[dataset].MoveNext())
                {
                    yield return (Sources[dataset], batches[dataset].Current);
                }
            }
        }
        finally
        {
            Array.ForEach(batches, b => b.Dispose());
        }
    }

    // sentence-transformers' trainer builds the no-duplicates and group-by-label samplers without its seed, so they
    // reseed with 0 + epoch; LossGen does the same so that its batches are the reference's.
    private static BatchIndexSampler Sampler(IReadOnlyList<InputExample> examples, SentenceDataset dataset, TrainingArguments arguments) => arguments.BatchSampler switch
    {
        BatchSamplers.NoDuplicates => new NoDuplicatesIndexSampler(examples.Select(e => e.Texts).ToArray(), arguments.BatchSize, arguments.DropLast, seed: 0),
        BatchSamplers.GroupByLabel => new GroupByLabelIndexSampler(
            examples.Select((e, row) => e.Label ?? throw new ArgumentException($"{dataset.Source}: the GroupByLabel batch sampler needs a 'label' column; row {row} has none.", nameof(dataset))).ToArray(),
            arguments.BatchSize, arguments.DropLast, seed: 0, examplesPerLabel: null),
        _ => new DefaultIndexSampler(examples.Count, arguments.BatchSize, arguments.DropLast),
    };

    private static IReadOnlyList<InputExample> WithPrompts(IReadOnlyList<InputExample> examples, SentenceDataset dataset, string name, TrainingPrompts? prompts)
    {
        string?[] columnPrompts = dataset.TextColumns.Select(column => prompts?.For(name, column)).ToArray();
        return columnPrompts.All(p => p is null)
            ? examples
            : examples.Select(e => e with { Texts = e.Texts.Select((text, i) => columnPrompts[i] + text).ToArray() }).ToArray();
    }
}
