using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using LossGen.SentenceTransformers.Losses;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers;

/// <summary>
/// A small trainable sentence encoder: hashed word and word-bigram embeddings, mean-pooled, then dropout and a linear
/// projection. It trains in seconds on a CPU, which makes it the encoder of model-level tests and of the package test's
/// consumer; use a transformer for real work (the quickstart fine-tunes all-MiniLM-L6-v2).
/// </summary>
public sealed class HashingEncoder : nn.Module<Tensor, Tensor, Tensor>, ISentenceEncoder
{
    private readonly int _buckets;
#pragma warning disable IDE1006 // TorchSharp registers modules by field name; these follow the Python naming.
    private readonly EmbeddingBag embeddings;
    private readonly Dropout dropout;
    private readonly Linear projection;
#pragma warning restore IDE1006

    /// <summary>Creates the encoder on <paramref name="device"/> (the CPU by default).</summary>
    /// <param name="dimension">The embedding size.</param>
    /// <param name="buckets">The number of hash buckets for words and bigrams.</param>
    /// <param name="dropoutProbability">Dropout after pooling, active in training mode only.</param>
    /// <param name="device">Where the parameters live.</param>
    public HashingEncoder(int dimension = 64, int buckets = 1 << 14, double dropoutProbability = 0.0, Device? device = null)
        : base(nameof(HashingEncoder))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        _buckets = buckets;
        embeddings = nn.EmbeddingBag(buckets, dimension, mode: EmbeddingBagMode.Mean);
        dropout = nn.Dropout(dropoutProbability);
        projection = nn.Linear(dimension, dimension);
        RegisterComponents();
        Device = device ?? CPU;
        EmbeddingDimension = dimension;
        this.to(Device);
    }

    /// <inheritdoc />
    public Device Device { get; }

    /// <inheritdoc />
    public int? EmbeddingDimension { get; }

    /// <inheritdoc />
    IEnumerable<Parameter> ISentenceEncoder.Parameters() => parameters();

    /// <inheritdoc />
    public Tensor Encode(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var ids = new List<long>();
        var offsets = new List<long>();
        foreach (string text in texts)
        {
            offsets.Add(ids.Count);
            string[] words = text.ToLowerInvariant().Split([' ', ',', '.', '?', '!', ';', ':'], StringSplitOptions.RemoveEmptyEntries);
            ids.AddRange(words.Select(Bucket));
            ids.AddRange(words.Zip(words.Skip(1), (a, b) => Bucket(a + " " + b)));
            if (ids.Count == offsets[^1])
            {
                ids.Add(0);
            }
        }

        using var scope = NewDisposeScope();
        return forward(tensor(ids.ToArray(), device: Device), tensor(offsets.ToArray(), device: Device)).MoveToOuterDisposeScope();
    }

    /// <summary>Embeds a flat list of token ids split into bags at <paramref name="offsets"/>.</summary>
    public override Tensor forward(Tensor input, Tensor offsets) => projection.call(dropout.call(embeddings.call(input, offsets)));

    /// <inheritdoc />
    public void SetTraining(bool training) => train(training);

    // FNV-1a: a stable hash, so a saved model means the same thing in every process.
    private long Bucket(string token)
    {
        uint hash = 2166136261;
        foreach (char c in token)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash % (uint)_buckets;
    }
}
