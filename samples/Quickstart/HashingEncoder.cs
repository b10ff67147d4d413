using System;
using System.Collections.Generic;
using System.Linq;
using LossGen;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Quickstart;

/// <summary>
/// A small trainable sentence encoder (hashed word and bigram embeddings, mean-pooled, then a projection) that stands in
/// for a transformer until the BERT encoder lands; it trains in seconds on two CPU cores.
/// </summary>
internal sealed class HashingEncoder : nn.Module<Tensor, Tensor, Tensor>, ISentenceEncoder
{
    private const int Buckets = 1 << 14;
    private readonly EmbeddingBag embeddings;
    private readonly Linear projection;

    public HashingEncoder(int dimension, Device device)
        : base(nameof(HashingEncoder))
    {
        embeddings = nn.EmbeddingBag(Buckets, dimension, mode: EmbeddingBagMode.Mean);
        projection = nn.Linear(dimension, dimension);
        RegisterComponents();
        Device = device;
        EmbeddingDimension = dimension;
        this.to(device);
    }

    public Device Device { get; }

    public int? EmbeddingDimension { get; }

    IEnumerable<Parameter> ISentenceEncoder.Parameters() => parameters();

    public Tensor Encode(IReadOnlyList<string> texts)
    {
        var ids = new List<long>();
        var offsets = new List<long>();
        foreach (string text in texts)
        {
            offsets.Add(ids.Count);
            string[] words = text.ToLowerInvariant().Split([' ', ',', '.', '?', '!'], StringSplitOptions.RemoveEmptyEntries);
            ids.AddRange(words.Select(Bucket));
            ids.AddRange(words.Zip(words.Skip(1), (a, b) => Bucket(a + " " + b)));
            if (ids.Count == offsets[^1])
            {
                ids.Add(0);
            }
        }

        using var scope = NewDisposeScope();
        Tensor input = tensor(ids.ToArray(), device: Device);
        Tensor offsetTensor = tensor(offsets.ToArray(), device: Device);
        return forward(input, offsetTensor).MoveToOuterDisposeScope();
    }

    public override Tensor forward(Tensor input, Tensor offsets) => projection.call(embeddings.call(input, offsets));

    public void SetTraining(bool training) => train(training);

    // FNV-1a: a stable hash, so a saved model means the same thing in every process.
    private static long Bucket(string token)
    {
        uint hash = 2166136261;
        foreach (char c in token)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash % Buckets;
    }
}
