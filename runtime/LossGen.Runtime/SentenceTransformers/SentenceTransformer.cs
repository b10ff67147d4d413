using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using LossGen.Backbones;
using LossGen.Backbones.Lora;
using LossGen.Cpu;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Modules;
using LossGen.Serialization;
using LossGen.Tokenizers;
using static TorchSharp.torch;
using NormalizeModule = LossGen.SentenceTransformers.Modules.Normalize;

namespace LossGen.SentenceTransformers;

/// <summary>
/// A sentence-transformers model: tokenizer → transformer → pooling → the modules after pooling (<see cref="Dense"/>,
/// <see cref="Modules.Normalize"/>), with its prompts and similarity. It is an <see cref="ISentenceEncoder"/>, so every
/// loss can train it. <see cref="Encode(IReadOnlyList{string})"/> is the training forward (no prompt, as the
/// reference's trainer); <see cref="Embed"/> is sentence-transformers' <c>encode</c> (default prompt, no gradients).
/// </summary>
public sealed class SentenceTransformer : nn.Module<Tensor, Tensor, Tensor>, ILayeredSentenceEncoder, ICopyableSentenceEncoder, ITokenCountingEncoder
{
#pragma warning disable IDE1006 // Module names that become parameter-name prefixes.
    private readonly EncoderModel transformer;
    private readonly ModuleList<nn.Module<Tensor, Tensor>> post_pooling;
#pragma warning restore IDE1006
    private readonly Dictionary<string, Tensor> _unusedWeights;

    /// <summary>Creates a model with one pooling mode and optional normalisation, on <paramref name="device"/> (the CPU by default).</summary>
    public SentenceTransformer(EncoderModel transformer, TextTokenizer tokenizer, PoolingMode pooling = PoolingMode.Mean, bool normalize = true, int maxSeqLength = 256, Device? device = null)
        : this(transformer, tokenizer, new SentenceTransformerOptions { PoolingModes = [pooling], MaxSeqLength = maxSeqLength }, normalize ? [new NormalizeModule()] : [], device)
    {
    }

    /// <summary>
    /// Creates a model from its parts: <paramref name="postPooling"/> are the modules after pooling, in order
    /// (<see cref="Dense"/> and <see cref="Modules.Normalize"/>); <paramref name="unusedWeights"/> are checkpoint tensors
    /// no module computes with (the BERT pooler), kept so that saving writes them back.
    /// </summary>
    public SentenceTransformer(EncoderModel transformer, TextTokenizer tokenizer, SentenceTransformerOptions options, IEnumerable<nn.Module<Tensor, Tensor>> postPooling, Device? device = null, IReadOnlyDictionary<string, Tensor>? unusedWeights = null)
        : base(nameof(SentenceTransformer))
    {
        ArgumentNullException.ThrowIfNull(transformer);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(postPooling);
        options.Validate();
        if (options.MaxSeqLength > transformer.MaxSequenceLength)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxSeqLength, $"max_seq_length {options.MaxSeqLength} exceeds the {transformer.MaxSequenceLength} positions of {transformer.GetType().Name}.");
        }

        this.transformer = transformer;
        post_pooling = new ModuleList<nn.Module<Tensor, Tensor>>(postPooling.ToArray());
        Tokenizer = tokenizer;
        Options = options;
        Device = device ?? CPU;
        _unusedWeights = (unusedWeights ?? new Dictionary<string, Tensor>()).ToDictionary(p => p.Key, p => p.Value.detach().cpu().clone().DetachFromDisposeScope(), StringComparer.Ordinal);
        EmbeddingDimension = ComputeDimension();
        RegisterComponents();
        this.to(Device);
    }

    /// <summary>The transformer.</summary>
    public EncoderModel Transformer => transformer;

    /// <summary>The tokenizer.</summary>
    public TextTokenizer Tokenizer { get; }

    /// <summary>The pooling, text, prompt and similarity settings.</summary>
    public SentenceTransformerOptions Options { get; }

    /// <summary>How the model was trained, for the model card; filled by <see cref="SentenceTransformerTrainer"/>.</summary>
    public ModelCardData ModelCardData { get; } = new();

    /// <summary>The modules after pooling, in order.</summary>
    public IReadOnlyList<nn.Module<Tensor, Tensor>> PostPoolingModules => post_pooling.ToArray();

    /// <summary>Checkpoint tensors no module computes with (such as <c>pooler.*</c>), on the CPU, written back on save.</summary>
    public IReadOnlyDictionary<string, Tensor> UnusedWeights => _unusedWeights;

    /// <summary>
    /// Whether <see cref="Embed"/> on the CPU runs whole batches side by side, one per libtorch intra-op thread with
    /// each batch on a single thread, rather than one batch after another with every operation split across the
    /// threads (<c>true</c> by default; it applies when there are at least as many batches as threads). Short-text
    /// batches are many small operations whose thread barriers cost more than they share; side by side there are none
    /// (all-MiniLM-L6-v2 on STS-B, 2 vCPUs: about 1.3× the sentences per second). The embeddings are the same within
    /// float rounding (a product summed on one thread may round differently) and do not depend on the thread count.
    /// </summary>
    public bool EmbedBatchesConcurrently { get; set; } = true;

    /// <summary>The first pooling mode.</summary>
    public PoolingMode PoolingMode => Options.PoolingModes[0];

    /// <summary>Whether sentence embeddings are L2-normalised last (a <c>Normalize</c> module ends the pipeline).</summary>
    public bool Normalize => post_pooling.Count > 0 && post_pooling[^1] is NormalizeModule;

    /// <summary>Texts are truncated to this many tokens, special tokens included.</summary>
    public int MaxSeqLength => Options.MaxSeqLength;

    /// <inheritdoc />
    public Device Device { get; }

    /// <inheritdoc />
    public int? EmbeddingDimension { get; }

    /// <inheritdoc />
    public int LayerCount => transformer.LayerCount;

    /// <inheritdoc />
    IEnumerable<Parameter> ISentenceEncoder.Parameters() => parameters();

    /// <inheritdoc />
    public void SetTraining(bool training) => train(training);

    /// <summary>
    /// The ids sentence-transformers gives <paramref name="text"/>: <c>(prompt + text).strip()</c>, lower-cased when the
    /// model says so, tokenized and truncated to <see cref="MaxSeqLength"/>.
    /// </summary>
    public int[] Tokenize(string text, string? prompt = null)
    {
        return SentenceText.Encode(Tokenizer, text, prompt, Options.DoLowerCase, MaxSeqLength);
    }

    /// <inheritdoc />
    public int CountTokens(string text) => Tokenize(text).Length;

    /// <inheritdoc />
    public Tensor Encode(IReadOnlyList<string> texts) => Encode(texts, transformer.LayerCount);

    /// <summary>Embeds <paramref name="texts"/> using only the first <paramref name="layers"/> transformer layers.</summary>
    public Tensor Encode(IReadOnlyList<string> texts, int layers) => EncodeWithPrompt(texts, null, layers);

    /// <inheritdoc />
    public IReadOnlyList<Tensor> EncodeLayers(IReadOnlyList<string> texts)
    {
        CheckTexts(texts);
        using var scope = NewDisposeScope();
        (Tensor ids, Tensor mask) = Tokenizer.Pad(texts.Select(t => Tokenize(t)).ToArray(), Device);
        var states = new List<Tensor>();
        transformer.Forward(ids, mask, LayerCount, states);
        Tensor[] pooled = states.Select(state => Pool(state, mask)).ToArray();
        scope.MoveToOuter(pooled);
        return pooled;
    }

    /// <inheritdoc />
    public ISentenceEncoder Copy()
    {
        EncoderModel copy = transformer.CreateEmpty();
        using (no_grad())
        {
            var source = transformer.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            foreach ((string name, Parameter parameter) in copy.named_parameters())
            {
                parameter.copy_(source[name]);
            }
        }

        IEnumerable<nn.Module<Tensor, Tensor>> after = post_pooling.Select(m => m switch
        {
            Dense dense => (nn.Module<Tensor, Tensor>)dense.Copy(),
            NormalizeModule => new NormalizeModule(),
            _ => throw new InvalidOperationException($"{m.GetType().Name} cannot be copied."),
        }).ToArray();
        var result = new SentenceTransformer(copy, Tokenizer, Options, after, Device, _unusedWeights);
        result.train(training);
        return result;
    }

    /// <summary>Pools token embeddings (B×T×H) and runs the modules after pooling, as this model's pipeline does.</summary>
    public Tensor Pool(Tensor tokens, Tensor attentionMask)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        using var scope = NewDisposeScope();
        Tensor embedding = Pooling.Apply(Options.PoolingModes, tokens, attentionMask);
        foreach (nn.Module<Tensor, Tensor> module in post_pooling)
        {
            embedding = module.call(embedding);
        }

        return embedding.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor inputIds, Tensor attentionMask) => Pool(transformer.call(inputIds, attentionMask), attentionMask);

    /// <summary>
    /// sentence-transformers' <c>encode</c>: embeds any number of texts in batches sorted by length, without gradients
    /// and with dropout off, and returns the embeddings in the input order as a N×D CPU tensor. The prompt is
    /// <paramref name="prompt"/> when given (<c>""</c> for none), else the one named <paramref name="promptName"/>, else
    /// the default prompt.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="promptName"/> is not one of the model's prompts.</exception>
    public Tensor Embed(IReadOnlyList<string> texts, int batchSize = 32, string? promptName = null, string? prompt = null)
    {
        CheckTexts(texts, allowEmpty: true);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        string? resolved = ResolvePrompt(promptName, prompt);
        using Tensor embeddings = Inference(() =>
        {
            using var inference = EnterInference();
            using var scope = NewDisposeScope();
            if (texts.Count == 0)
            {
                return empty(0, EmbeddingDimension ?? 0).MoveToOuterDisposeScope();
            }

            int[] order = Enumerable.Range(0, texts.Count).OrderByDescending(i => texts[i].Length).ToArray();
            // Tokenized here, on the calling thread, so that the tokenizer is never shared between threads.
            int[][][] batches = order.Chunk(batchSize).Select(chunk => chunk.Select(i => Tokenize(texts[i], resolved)).ToArray()).ToArray();
            int maskedPrefix = MaskedPromptLength(resolved);
            Tensor[] parts = EmbedsConcurrently(batches.Length, out int workers)
                ? InterOpWorkers.Map(batches.Length, workers, EnterInference, b => EncodeTokens(batches[b], maskedPrefix, transformer.LayerCount))
                : batches.Select(batch => EncodeTokens(batch, maskedPrefix, transformer.LayerCount).cpu()).ToArray();
            Tensor sorted;
            try
            {
                sorted = cat(parts, 0);
            }
            finally
            {
                // Parts made on the workers belong to no scope of this thread.
                foreach (Tensor part in parts)
                {
                    part?.Dispose();
                }
            }

            Tensor inverse = empty(texts.Count, dtype: ScalarType.Int64);
            inverse.index_put_(arange(texts.Count, dtype: ScalarType.Int64), tensor(order.Select(i => (long)i).ToArray()));
            return sorted.index_select(0, inverse).MoveToOuterDisposeScope();
        });

        // A copy made outside inference mode is an ordinary tensor: one a loss may use as a target (distillation).
        return embeddings.clone();
    }

    /// <summary>
    /// sentence-transformers' <c>encode(..., output_value="token_embeddings")</c>: the transformer's output for each text
    /// (T×H, padding removed), on the CPU, with the same prompt rules as <see cref="Embed"/>.
    /// </summary>
    public IReadOnlyList<Tensor> EmbedTokens(IReadOnlyList<string> texts, string? promptName = null, string? prompt = null)
    {
        CheckTexts(texts);
        string? resolved = ResolvePrompt(promptName, prompt);
        return Inference(() =>
        {
            using var scope = NewDisposeScope();
            int[][] encoded = texts.Select(t => Tokenize(t, resolved)).ToArray();
            (Tensor ids, Tensor mask) = Tokenizer.Pad(encoded, Device);
            Tensor tokens = transformer.call(ids, mask).cpu();
            // The real tokens of each text, wherever the padding side put them.
            long length = tokens.shape[1];
            Tensor[] result = encoded.Select((e, i) => tokens[i].narrow(0, Tokenizer.PaddingSide == PaddingSide.Left ? length - e.Length : 0, e.Length).clone()).ToArray();
            scope.MoveToOuter(result);
            return (IReadOnlyList<Tensor>)result;
        });
    }

    /// <summary>
    /// Adds a fresh LoRA adapter to the transformer (sentence-transformers' <c>add_adapter</c>) and freezes its base
    /// weights, so that training updates the adapter alone; see <see cref="EncoderModel.AddAdapter"/>.
    /// </summary>
    public LoraAdapter AddAdapter(LoraConfig config) => transformer.AddAdapter(config);

    /// <summary>Loads a PEFT LoRA adapter folder onto the transformer (sentence-transformers' <c>load_adapter</c>).</summary>
    public LoraAdapter LoadAdapter(string folder) => transformer.LoadAdapter(folder);

    /// <summary>
    /// Writes the adapter alone in PEFT's format (<c>adapter_config.json</c>, <c>adapter_model.safetensors</c>), for
    /// <c>SentenceTransformer.load_adapter</c> or PEFT; <c>ModelFolder.Save</c> writes it beside the base weights.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model has no adapter.</exception>
    public void SaveAdapter(string folder)
    {
        LoraAdapter adapter = transformer.Adapter ?? throw new InvalidOperationException("The model has no LoRA adapter to save; add one with AddAdapter or LoadAdapter.");
        adapter.Save(folder, transformer.ToConfigJson()["architectures"]?[0]?.GetValue<string>() ?? transformer.GetType().Name);
    }

    /// <summary>Merges the adapter into the transformer's weights and removes it (PEFT's <c>merge_and_unload</c>).</summary>
    public void MergeAndUnload() => transformer.MergeAndUnload();

    /// <summary>The model's similarity (<see cref="SentenceTransformerOptions.SimilarityFunctionName"/>) of every row of <paramref name="a"/> with every row of <paramref name="b"/>.</summary>
    public Tensor Similarity(Tensor a, Tensor b) => Options.SimilarityFunctionName switch
    {
        "dot" => Similarities.DotScore(a, b),
        "euclidean" => Similarities.EuclideanSim(a, b),
        "manhattan" => Similarities.ManhattanSim(a, b),
        _ => Similarities.CosSim(a, b),
    };

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (Tensor weight in _unusedWeights.Values)
            {
                weight.Dispose();
            }

            _unusedWeights.Clear();
        }

        base.Dispose(disposing);
    }

    private Tensor EncodeWithPrompt(IReadOnlyList<string> texts, string? prompt, int layers)
    {
        CheckTexts(texts);
        return EncodeTokens(texts.Select(t => Tokenize(t, prompt)).ToArray(), MaskedPromptLength(prompt), layers);
    }

    // sentence-transformers masks the start token and the prompt's tokens out of pooling unless include_prompt.
    private int MaskedPromptLength(string? prompt) =>
        prompt is { Length: > 0 } && !Options.IncludePrompt ? Tokenize(string.Empty, prompt).Length - 1 : 0;

    private Tensor EncodeTokens(int[][] encoded, int maskedPrefix, int layers)
    {
        using var scope = NewDisposeScope();
        (Tensor ids, Tensor mask) = Tokenizer.Pad(encoded, Device);
        Tensor tokens = transformer.Forward(ids, mask, layers, null);
        if (maskedPrefix > 0)
        {
            mask = mask.clone();
            mask.narrow(1, 0, Math.Min(maskedPrefix, mask.shape[1])).fill_(0);
        }

        return Pool(tokens, mask).MoveToOuterDisposeScope();
    }

    // Whole batches side by side pay off on the CPU only, and only when every worker gets one.
    private bool EmbedsConcurrently(int batches, out int workers)
    {
        workers = IntraOpParallel.Threads;
        return EmbedBatchesConcurrently && Device.type == DeviceType.CPU && workers > 1 && batches >= workers;
    }

    // What Embed holds on its thread and each worker for its share of the batches: inference mode, which skips
    // autograd's bookkeeping (version counters, views) that no_grad still keeps, and the converted weights.
    private static IDisposable EnterInference()
    {
        var noGrad = no_grad();
        var inference = inference_mode();
        var weights = Backbones.MixedPrecision.ReuseWeights();
        return new ScopeExit(() =>
        {
            weights.Dispose();
            inference.Dispose();
            noGrad.Dispose();
        });
    }

    private string? ResolvePrompt(string? promptName, string? prompt) => SentenceText.ResolvePrompt(Options.Prompts, Options.DefaultPromptName, promptName, prompt);

    private T Inference<T>(Func<T> run)
    {
        bool wasTraining = training;
        train(false);
        try
        {
            using var noGrad = no_grad();
            return run();
        }
        finally
        {
            train(wasTraining);
        }
    }

    private int ComputeDimension()
    {
        int dimension = transformer.HiddenSize * Options.PoolingModes.Distinct().Count();
        foreach (nn.Module<Tensor, Tensor> module in post_pooling)
        {
            if (module is Dense dense)
            {
                if (dense.InFeatures != dimension)
                {
                    throw new ArgumentException($"Dense in_features {dense.InFeatures} does not match the {dimension}-dimensional embedding before it.", "postPooling");
                }

                dimension = dense.OutFeatures;
            }
            else if (module is not NormalizeModule)
            {
                throw new ArgumentException($"{module.GetType().Name} is not a module LossGen runs after pooling (Dense, Normalize).", "postPooling");
            }
        }

        return dimension;
    }

    private static void CheckTexts(IReadOnlyList<string> texts, bool allowEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0 && !allowEmpty)
        {
            throw new ArgumentException("Cannot embed an empty list of texts.", nameof(texts));
        }

        for (int i = 0; i < texts.Count; i++)
        {
            if (texts[i] is null)
            {
                throw new ArgumentException($"Text {i} is null.", nameof(texts));
            }
        }
    }
}
