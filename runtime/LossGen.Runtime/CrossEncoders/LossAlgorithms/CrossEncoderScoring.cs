using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.CrossEncoders.Losses;
using static TorchSharp.torch;

namespace LossGen.CrossEncoders.LossAlgorithms;

/// <summary>
/// Forms the (query, document) pairs a cross-encoder loss scores, in sentence-transformers' order, asks the model for
/// their logits and lays them out as <see cref="LogitBatch"/> describes.
/// </summary>
public static class CrossEncoderScoring
{
    /// <summary>The logits of <paramref name="batch"/>'s pairs for a loss of <paramref name="descriptor"/>.</summary>
    /// <exception cref="LossInputException">The batch does not have the columns or labels the loss reads.</exception>
    public static LogitBatch Score(LossDescriptor descriptor, ICrossEncoderScorer model, CrossEncoderBatch batch, ScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(options);
        return descriptor.Pairing switch
        {
            Pairing.Listwise => Listwise(descriptor, model, batch, options.MiniBatchSize),
            Pairing.InBatchNegatives => InBatchNegativeScoring.Score(descriptor, model, batch, options.NumNegatives),
            _ => RowWise(descriptor, model, batch),
        };
    }

    /// <summary>Each row's query against each of its other columns, one call per column: <c>[B, columns − 1, num_labels]</c>.</summary>
    private static LogitBatch RowWise(LossDescriptor descriptor, ICrossEncoderScorer model, CrossEncoderBatch batch)
    {
        Columns(descriptor, batch);
        IReadOnlyList<string> queries = batch.Columns[0];
        var columns = new List<Tensor>();
        for (int column = 1; column < batch.Columns.Count; column++)
        {
            columns.Add(model.Score(queries.Zip(batch.Columns[column]).ToArray()));
        }

        if (descriptor.Label != LabelKind.None && batch.Labels is null)
        {
            throw new LossInputException($"{descriptor.Name} needs labels ({descriptor.Label}); the batch has none.");
        }

        return new LogitBatch(stack(columns, 1), batch.Labels?.to(model.Device));
    }

    /// <summary>
    /// Every (query, document) pair, query by query, scored in chunks of <paramref name="miniBatchSize"/> pairs (the
    /// number of queries when <c>null</c>, all at once when ≤ 0) and laid out as <c>[B, max_docs]</c> with a mask.
    /// </summary>
    private static LogitBatch Listwise(LossDescriptor descriptor, ICrossEncoderScorer model, CrossEncoderBatch batch, int? miniBatchSize)
    {
        IReadOnlyList<string> queries = batch.Columns.Count == 1 ? batch.Columns[0] : throw new LossInputException($"{descriptor.Name} expects two inputs (queries, documents_list), but got {batch.Columns.Count + (batch.Documents is null ? 0 : 1)} inputs.");
        IReadOnlyList<IReadOnlyList<string>> documents = batch.Documents ?? throw new LossInputException($"{descriptor.Name} needs each query's documents; the batch has none.");
        IReadOnlyList<float[]> labels = batch.LabelLists ?? throw new LossInputException($"{descriptor.Name} expects a list of labels for each sample, but got none.");
        int[] docsPerQuery = documents.Select(d => d.Count).ToArray();
        if (documents.Count != queries.Count || labels.Count != queries.Count || !docsPerQuery.SequenceEqual(labels.Select(l => l.Length)))
        {
            throw new LossInputException($"Number of documents per query in inputs ([{string.Join(", ", docsPerQuery)}]) does not match number of labels per query ([{string.Join(", ", labels.Select(l => l.Length))}]).");
        }

        (string, string)[] pairs = queries.SelectMany((query, row) => documents[row].Select(document => (query, document))).ToArray();
        int chunk = miniBatchSize ?? queries.Count;
        chunk = chunk <= 0 ? Math.Max(1, pairs.Length) : chunk;
        var scored = new List<Tensor>();
        for (int start = 0; start < pairs.Length; start += chunk)
        {
            scored.Add(model.Score(pairs[start..Math.Min(pairs.Length, start + chunk)]).view(-1));
        }

        int rows = queries.Count;
        int maxDocs = docsPerQuery.Length == 0 ? 0 : docsPerQuery.Max();
        long[] positions = docsPerQuery.SelectMany((count, row) => Enumerable.Range(0, count).Select(doc => (long)((row * maxDocs) + doc))).ToArray();
        using Tensor index = tensor(positions, device: model.Device);
        Tensor flat = cat(scored, 0).to(float32);
        Tensor logits = zeros(rows * maxDocs, dtype: float32, device: model.Device).index_copy(0, index, flat).view(rows, maxDocs);
        Tensor mask = zeros(rows * maxDocs, dtype: ScalarType.Bool, device: model.Device).index_fill(0, index, true).view(rows, maxDocs);
        Tensor labelMatrix = zeros(rows * maxDocs, dtype: float32, device: model.Device)
            .index_copy(0, index, tensor(labels.SelectMany(l => l).ToArray(), device: model.Device)).view(rows, maxDocs);
        return new LogitBatch(logits, labelMatrix, mask);
    }

    /// <summary>Refuses a batch whose column count the loss's input kind does not allow.</summary>
    internal static void Columns(LossDescriptor descriptor, CrossEncoderBatch batch)
    {
        int count = batch.Columns.Count;
        if (count < descriptor.MinColumns || count > (descriptor.MaxColumns ?? int.MaxValue))
        {
            string expected = descriptor.MaxColumns == descriptor.MinColumns ? $"{descriptor.MinColumns}" : $"at least {descriptor.MinColumns}";
            throw new LossInputException($"{descriptor.Name} expects a dataset with {expected} non-label columns, but got a dataset with {count} columns.");
        }

        int rows = batch.Columns[0].Count;
        if (batch.Columns.Any(c => c.Count != rows))
        {
            throw new LossInputException($"{descriptor.Name}: every column needs one text per row; the columns have [{string.Join(", ", batch.Columns.Select(c => c.Count))}] texts.");
        }
    }
}
