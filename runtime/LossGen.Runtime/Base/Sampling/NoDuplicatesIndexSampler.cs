using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace LossGen.Sampling;

/// <summary>
/// sentence-transformers' <c>NoDuplicatesBatchSampler</c>: the generator is reseeded with seed + epoch, the rows are
/// visited in one <c>randperm</c> order, and each batch takes the next rows none of whose texts is already in it.
/// </summary>
internal sealed class NoDuplicatesIndexSampler : BatchIndexSampler
{
    private readonly IReadOnlyList<IReadOnlyList<string>> _texts;
    private readonly long _seed;

    public NoDuplicatesIndexSampler(IReadOnlyList<IReadOnlyList<string>> texts, int batchSize, bool dropLast, long seed)
        : base(texts.Count, batchSize, dropLast)
    {
        _texts = texts;
        _seed = seed;
    }

    public override IEnumerable<int[]> Batches(Generator generator, int epoch)
    {
        generator.manual_seed(_seed + epoch);
        // A linked list keeps the random order and removes in O(1), as the reference's insertion-ordered dict does.
        var remaining = new LinkedList<int>();
        foreach (long row in Permutation(Rows, generator))
        {
            remaining.AddLast((int)row);
        }

        while (remaining.Count > 0)
        {
            var batch = new List<int>(BatchSize);
            var texts = new HashSet<string>(StringComparer.Ordinal);
            for (LinkedListNode<int>? node = remaining.First; node is not null && batch.Count < BatchSize;)
            {
                LinkedListNode<int>? next = node.Next;
                IReadOnlyList<string> rowTexts = _texts[node.Value];
                if (!Overlaps(rowTexts, texts))
                {
                    batch.Add(node.Value);
                    texts.UnionWith(rowTexts);
                    remaining.Remove(node);
                }

                node = next;
            }

            if (batch.Count == BatchSize || !DropLast)
            {
                yield return batch.ToArray();
            }
        }
    }

    private static bool Overlaps(IReadOnlyList<string> row, HashSet<string> batch)
    {
        foreach (string text in row)
        {
            if (batch.Contains(text))
            {
                return true;
            }
        }

        return false;
    }
}
