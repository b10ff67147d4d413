using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Models.Bert;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace LossGen.Models;

/// <summary>
/// A sentence-transformers model: WordPiece tokenizer → BERT transformer → pooling → optional L2 normalisation. It is an
/// <see cref="ISentenceEncoder"/>, so every loss can train it.
/// </summary>
public sealed class SentenceTransformer : nn.Module<Tensor, Tensor, Tensor>, ILayeredSentenceEncoder, ICopyableSentenceEncoder
{
#pragma warning disable IDE1006, SA1300 // The transformer's parameters keep their Hugging Face names (no prefix).
    private readonly BertModel transformer;
#pragma warning restore IDE1006, SA1300

    /// <summary>Creates the model from its parts, on <paramref name="device"/> (the CPU by default).</summary>
    public SentenceTransformer(BertModel transformer, WordPieceTokenizer tokenizer, PoolingMode pooling = PoolingMode.Mean, bool normalize = true, int maxSeqLength = 256, Device? device = null)
        : base(nameof(SentenceTransformer))
    {
        ArgumentNullException.ThrowIfNull(transformer);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSeqLength, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxSeqLength, transformer.Config.MaxPositionEmbeddings);
        this.transformer = transformer;
        Tokenizer = tokenizer;
        PoolingMode = pooling;
        Normalize = normalize;
        MaxSeqLength = maxSeqLength;
        Device = device ?? CPU;
        RegisterComponents();
        this.to(Device);
    }

    /// <summary>The transformer.</summary>
    public BertModel Transformer => transformer;

    /// <summary>The tokenizer.</summary>
    public WordPieceTokenizer Tokenizer { get; }

    /// <summary>How token embeddings are pooled.</summary>
    public PoolingMode PoolingMode { get; }

    /// <summary>Whether sentence embeddings are L2-normalised (the <c>Normalize</c> module).</summary>
    public bool Normalize { get; }

    /// <summary>Texts are truncated to this many tokens, [CLS] and [SEP] included.</summary>
    public int MaxSeqLength { get; }

    /// <inheritdoc />
    public Device Device { get; }

    /// <inheritdoc />
    public int? EmbeddingDimension => transformer.Config.HiddenSize;

    /// <inheritdoc />
    IEnumerable<Parameter> ISentenceEncoder.Parameters() => parameters();

    /// <inheritdoc />
    public void SetTraining(bool training) => train(training);

    /// <inheritdoc />
    public Tensor Encode(IReadOnlyList<string> texts) => Encode(texts, transformer.Config.NumHiddenLayers);

    /// <summary>Embeds <paramref name="texts"/> using only the first <paramref name="layers"/> transformer layers.</summary>
    public Tensor Encode(IReadOnlyList<string> texts, int layers)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            throw new ArgumentException("Cannot embed an empty list of texts.", nameof(texts));
        }

        using var scope = NewDisposeScope();
        (Tensor ids, Tensor mask) = Tokenizer.EncodeBatch(texts, MaxSeqLength, Device);
        Tensor tokens = transformer.Forward(ids, mask, layers, null);
        return Pool(tokens, mask).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public int LayerCount => transformer.Config.NumHiddenLayers;

    /// <inheritdoc />
    public ISentenceEncoder Copy()
    {
        var copy = new BertModel(transformer.Config);
        using (no_grad())
        {
            var source = transformer.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            foreach ((string name, Parameter parameter) in copy.named_parameters())
            {
                parameter.copy_(source[name]);
            }
        }

        var result = new SentenceTransformer(copy, Tokenizer, PoolingMode, Normalize, MaxSeqLength, Device);
        result.train(training);
        return result;
    }

    /// <inheritdoc />
    public IReadOnlyList<Tensor> EncodeLayers(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        using var scope = NewDisposeScope();
        (Tensor ids, Tensor mask) = Tokenizer.EncodeBatch(texts, MaxSeqLength, Device);
        var states = new List<Tensor>();
        transformer.Forward(ids, mask, LayerCount, states);
        Tensor[] pooled = states.Select(state => Pool(state, mask)).ToArray();
        scope.MoveToOuter(pooled);
        return pooled;
    }

    /// <summary>Pools and normalises token embeddings (B×T×H) as this model's pooling and normalisation modules do.</summary>
    public Tensor Pool(Tensor tokens, Tensor attentionMask)
    {
        using var scope = NewDisposeScope();
        Tensor pooled = Pooling.Apply(PoolingMode, tokens, attentionMask);
        return (Normalize ? F.normalize(pooled, p: 2, dim: 1) : pooled).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor inputIds, Tensor attentionMask) => Pool(transformer.call(inputIds, attentionMask), attentionMask);

    /// <summary>
    /// Inference: embeds any number of texts in batches sorted by length (less padding), without gradients and with
    /// dropout off, and returns the embeddings in the input order as a N×D CPU tensor.
    /// </summary>
    public Tensor Embed(IReadOnlyList<string> texts, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        bool wasTraining = training;
        train(false);
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            int[] order = Enumerable.Range(0, texts.Count).OrderByDescending(i => texts[i].Length).ToArray();
            var parts = new List<Tensor>();
            foreach (int[] chunk in order.Chunk(batchSize))
            {
                parts.Add(Encode(chunk.Select(i => texts[i]).ToArray()).cpu());
            }

            Tensor sorted = cat(parts.ToArray(), 0);
            Tensor inverse = empty(texts.Count, dtype: ScalarType.Int64);
            inverse.index_put_(arange(texts.Count, dtype: ScalarType.Int64), tensor(order.Select(i => (long)i).ToArray()));
            return sorted.index_select(0, inverse).MoveToOuterDisposeScope();
        }
        finally
        {
            train(wasTraining);
        }
    }
}
