using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using LossGen.Backbones.Lora;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Backbones;

/// <summary>
/// A Hugging Face encoder architecture (BERT, RoBERTa, XLM-RoBERTa, DistilBERT, MPNet): token ids and their 0/1
/// attention mask in, token embeddings (B×T×H) out. Its parameters keep Hugging Face's names, so a
/// <c>model.safetensors</c> lines up with <c>named_parameters()</c>. A new architecture plugs in here (and in
/// <see cref="TransformerArchitectures"/>) without touching the losses, the pooling or the trainer.
/// </summary>
public abstract class EncoderModel : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>Creates the module.</summary>
    protected EncoderModel(string name)
        : base(name)
    {
    }

    /// <summary>
    /// Whether token-wise layers (embeddings, projections, feed-forward, LayerNorm, dropout) run on the real tokens only
    /// when training, as they always do in inference: on by default. The results equal the padded computation within
    /// float tolerance, dropout included, because <see cref="TokenDropout"/> draws each mask over the padded batch as
    /// the padded run does; on short-text batches (STS-B's are more than half padding) a step does less than half the
    /// token-wise work. Off runs every layer over the padded batch, as sentence-transformers does.
    /// </summary>
    public bool SkipPaddingInTraining { get; set; } = true;

    /// <summary>
    /// The precision of the linear layers' products, in training and inference: <see cref="MatmulPrecision.Float32"/>
    /// (the default, sentence-transformers' results) or <see cref="MatmulPrecision.BFloat16"/> mixed precision, refused on
    /// a CPU without bfloat16 arithmetic.
    /// </summary>
    public MatmulPrecision MatmulPrecision
    {
        get => _matmulPrecision;
        set
        {
            MixedPrecision.Check(value, parameters().FirstOrDefault()?.device ?? CPU);
            _matmulPrecision = value;
        }
    }

    private MatmulPrecision _matmulPrecision;

    /// <summary>
    /// How dropout draws its masks in training on the CPU: <see cref="DropoutSampler.Libtorch"/> (the default, libtorch's
    /// own draws) or <see cref="DropoutSampler.Parallel"/> (the same distribution from a position-addressed stream on
    /// all threads, faster).
    /// </summary>
    public DropoutSampler DropoutSampler { get; set; }

    /// <summary>The name under which an adapter's parameters sit in <c>named_parameters()</c>; they are never base weights.</summary>
    public const string AdapterModuleName = "lora_adapter";

    /// <summary>The LoRA adapter in use, or <c>null</c>.</summary>
    public LoraAdapter? Adapter { get; private set; }

    /// <summary>
    /// Adds a fresh LoRA adapter (sentence-transformers' <c>add_adapter</c>): its B starts at zero, so the model computes
    /// what it did, and every base weight is frozen, so training updates the adapter alone and the optimizer keeps no
    /// state for the frozen weights.
    /// </summary>
    /// <exception cref="ArgumentException">The settings are invalid or target no Linear module.</exception>
    /// <exception cref="InvalidOperationException">An adapter is already in use.</exception>
    public LoraAdapter AddAdapter(LoraConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (Adapter is not null)
        {
            throw new InvalidOperationException($"{GetType().Name} already has a LoRA adapter; merge it (MergeAndUnload) before adding another.");
        }

        LoraAdapter adapter = LoraAdapter.Create(this, config);
        Parameter? first = parameters().FirstOrDefault();
        if (first is not null)
        {
            adapter.to(first.device);
        }

        adapter.train(training);
        foreach (Parameter parameter in parameters())
        {
            parameter.requires_grad = false;
        }

        register_module(AdapterModuleName, adapter);
        adapter.Attach();
        Adapter = adapter;
        return adapter;
    }

    /// <summary>
    /// Loads a PEFT LoRA adapter folder (<c>adapter_config.json</c>, <c>adapter_model.safetensors</c>), as
    /// sentence-transformers' <c>load_adapter</c>; the base weights are frozen as with <see cref="AddAdapter"/>.
    /// </summary>
    /// <exception cref="Serialization.ModelFormatException">The folder is not a LoRA adapter of this model, by file and field.</exception>
    public LoraAdapter LoadAdapter(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string configPath = System.IO.Path.Combine(folder, "adapter_config.json");
        LoraConfig config = LoraConfig.Read(configPath);
        LoraAdapter adapter;
        try
        {
            adapter = AddAdapter(config);
        }
        catch (ArgumentException e)
        {
            throw new Serialization.ModelFormatException(configPath, e.Message, e);
        }

        try
        {
            adapter.LoadWeights(System.IO.Path.Combine(folder, "adapter_model.safetensors"));
        }
        catch
        {
            RemoveAdapter(unfreeze: true);
            throw;
        }

        return adapter;
    }

    /// <summary>
    /// Adds the adapter's update into the weights and removes it (PEFT's <c>merge_and_unload</c>): the model then computes
    /// the same embeddings with plain weights, and every weight is trainable again.
    /// </summary>
    /// <exception cref="InvalidOperationException">No adapter is in use.</exception>
    public void MergeAndUnload()
    {
        LoraAdapter adapter = Adapter ?? throw new InvalidOperationException($"{GetType().Name} has no LoRA adapter to merge.");
        adapter.Merge();
        RemoveAdapter(unfreeze: true);
    }

    private void RemoveAdapter(bool unfreeze)
    {
        LoraAdapter adapter = Adapter!;
        adapter.Detach();
        _internal_submodules.Remove(AdapterModuleName);
        Adapter = null;
        adapter.Dispose();
        if (unfreeze)
        {
            foreach (Parameter parameter in parameters())
            {
                parameter.requires_grad = true;
            }
        }
    }

    /// <summary>Whether this architecture can run on packed real tokens (<see cref="TokenLayout"/>).</summary>
    public virtual bool CanSkipPadding => false;

    /// <summary>Whether the current forward runs on packed real tokens: inference, or training with <see cref="SkipPaddingInTraining"/>.</summary>
    protected bool SkipsPadding => CanSkipPadding && (!training || SkipPaddingInTraining);

    /// <summary>The architecture family, as <c>config.json</c>'s <c>model_type</c> spells it.</summary>
    public abstract string ModelType { get; }

    /// <summary>The width of the token embeddings.</summary>
    public abstract int HiddenSize { get; }

    /// <summary>The number of transformer layers.</summary>
    public abstract int LayerCount { get; }

    /// <summary>The rows of the word embedding table: every token id must be below it.</summary>
    public abstract int VocabularySize { get; }

    /// <summary>The longest sequence, special tokens included, the position embeddings can take.</summary>
    public abstract int MaxSequenceLength { get; }

    /// <summary>
    /// The name of the module in a checkpoint saved from a task model (<c>bert</c> in <c>bert.embeddings...</c>);
    /// a checkpoint whose names carry it loads into this encoder with the prefix removed, as in transformers.
    /// </summary>
    public abstract string BaseModelPrefix { get; }

    /// <summary>The <c>config.json</c> that describes this encoder (fields it does not use are kept as loaded).</summary>
    public abstract JsonObject ToConfigJson();

    /// <summary>A new, randomly initialised encoder of the same configuration (the start of a deep copy).</summary>
    public abstract EncoderModel CreateEmpty();

    /// <summary>
    /// Runs the embeddings and the first <paramref name="layers"/> layers (AdaptiveLayerLoss trains on prefixes of the
    /// stack); when <paramref name="hiddenStates"/> is given, each layer's output is added to it.
    /// </summary>
    public Tensor Forward(Tensor inputIds, Tensor attentionMask, int layers, List<Tensor>? hiddenStates) => Forward(inputIds, attentionMask, null, layers, hiddenStates);

    /// <summary>
    /// As <see cref="Forward(Tensor, Tensor, int, List{Tensor})"/>, with the token types of a text pair (B×T, 0 for the
    /// first text, 1 for the second, as BERT's tokenizer gives them); <c>null</c> is type 0 everywhere. Architectures
    /// without token-type embeddings (DistilBERT, MPNet) take no types, as in transformers.
    /// </summary>
    public Tensor Forward(Tensor inputIds, Tensor attentionMask, Tensor? tokenTypeIds, int layers, List<Tensor>? hiddenStates)
    {
        CheckForward(inputIds, attentionMask, layers);
        using var scope = NewDisposeScope();
        var states = new List<Tensor>();
        Tensor last;
        using ((EncoderExecution.Current with { Precision = MatmulPrecision, Sampler = DropoutSampler }).Enter())
        {
            last = Run(inputIds, attentionMask, tokenTypeIds, layers, states);
        }

        scope.MoveToOuter(states);
        hiddenStates?.AddRange(states);
        return last;
    }

    /// <summary>The token embeddings of the last layer for <paramref name="inputIds"/> and its 0/1 <paramref name="attentionMask"/>.</summary>
    public override Tensor forward(Tensor inputIds, Tensor attentionMask) => Forward(inputIds, attentionMask, LayerCount, null);

    /// <summary>
    /// Runs <paramref name="run"/> over the packed real tokens of <paramref name="attentionMask"/> (the layers see the
    /// layout through <see cref="EncoderExecution"/>) and adds each layer's output to <paramref name="states"/> in the
    /// batch's layout (zeros at padding); returns the last.
    /// </summary>
    protected static Tensor RunPacked(Tensor attentionMask, List<Tensor> states, Action<List<Tensor>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(states);
        using TokenLayout layout = TokenLayout.FromMask(attentionMask);
        var packed = new List<Tensor>();
        using ((EncoderExecution.Current with { Layout = layout }).Enter())
        {
            run(packed);
        }

        states.AddRange(packed.Select(layout.Pad));
        return states[^1];
    }

    /// <summary>
    /// Embeds <paramref name="inputIds"/> (with <paramref name="tokenTypeIds"/> where the architecture has token types)
    /// and runs the first <paramref name="layers"/> layers, adding each layer's output to <paramref name="states"/>.
    /// </summary>
    protected abstract Tensor Run(Tensor inputIds, Tensor attentionMask, Tensor? tokenTypeIds, int layers, List<Tensor> states);

    /// <summary>A configuration record as <c>config.json</c>, naming <paramref name="architecture"/> unless the loaded file named one.</summary>
    protected static JsonObject ConfigJson<TConfig>(TConfig config, string architecture)
    {
        JsonObject json = System.Text.Json.JsonSerializer.SerializeToNode(config)!.AsObject();
        json["architectures"] ??= new JsonArray(architecture);
        return json;
    }

    private void CheckForward(Tensor inputIds, Tensor attentionMask, int layers)
    {
        System.ArgumentNullException.ThrowIfNull(inputIds);
        System.ArgumentNullException.ThrowIfNull(attentionMask);
        if (layers < 1 || layers > LayerCount)
        {
            throw new System.ArgumentOutOfRangeException(nameof(layers), layers, $"{GetType().Name} has {LayerCount} layers.");
        }

        if (inputIds.shape[1] > MaxSequenceLength)
        {
            throw new System.ArgumentException($"{GetType().Name}: sequences of {inputIds.shape[1]} tokens exceed the {MaxSequenceLength} positions of its position embeddings.", nameof(inputIds));
        }
    }
}
