using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Modules;
using static TorchSharp.torch;

namespace LossGen.Serialization;

/// <summary>
/// What can be changed when a model folder is loaded, in one place (sentence-transformers' <c>device</c>,
/// <c>config_kwargs</c> and the module settings after loading). The changes are part of the model from then on:
/// saving it writes them.
/// </summary>
public sealed record ModelLoadOptions
{
    /// <summary>Where the parameters live; the CPU by default.</summary>
    public Device? Device { get; init; }

    /// <summary>The longest input in tokens (<c>max_seq_length</c>); the folder's value when <c>null</c>.</summary>
    public int? MaxSeqLength { get; init; }

    /// <summary>
    /// Every dropout probability of the encoder, hidden and attention alike (for BERT, RoBERTa, XLM-R and MPNet
    /// <c>hidden_dropout_prob</c> and <c>attention_probs_dropout_prob</c>; for DistilBERT <c>dropout</c> and
    /// <c>attention_dropout</c>); the folder's values when <c>null</c>. Set one field alone with <see cref="ConfigOverrides"/>.
    /// </summary>
    public double? Dropout { get; init; }

    /// <summary>
    /// Fields of the encoder's <c>config.json</c> replaced before the encoder is built (transformers'
    /// <c>config_kwargs</c>). A field the file does not have is refused, so that a misspelt name never passes unnoticed.
    /// </summary>
    public IReadOnlyDictionary<string, JsonNode?> ConfigOverrides { get; init; } = new Dictionary<string, JsonNode?>();

    /// <summary>Any other change to the loaded module settings (pooling, prompts, similarity), applied last.</summary>
    public Func<SentenceTransformerOptions, SentenceTransformerOptions>? Options { get; init; }
}
