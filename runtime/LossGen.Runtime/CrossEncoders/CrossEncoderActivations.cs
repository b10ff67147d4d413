using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using LossGen.Serialization;
using static TorchSharp.torch;

namespace LossGen.CrossEncoders;

/// <summary>Reads, writes and applies <see cref="CrossEncoderActivation"/> as sentence-transformers does.</summary>
public static class CrossEncoderActivations
{
    private static readonly Dictionary<string, CrossEncoderActivation> ByPythonPath = new(StringComparer.Ordinal)
    {
        ["torch.nn.modules.linear.Identity"] = CrossEncoderActivation.Identity,
        ["torch.nn.Identity"] = CrossEncoderActivation.Identity,
        ["torch.nn.modules.activation.Sigmoid"] = CrossEncoderActivation.Sigmoid,
        ["torch.nn.Sigmoid"] = CrossEncoderActivation.Sigmoid,
        ["torch.nn.modules.activation.Tanh"] = CrossEncoderActivation.Tanh,
        ["torch.nn.Tanh"] = CrossEncoderActivation.Tanh,
    };

    /// <summary>The class path sentence-transformers writes for <paramref name="activation"/>.</summary>
    public static string PythonPath(CrossEncoderActivation activation) => activation switch
    {
        CrossEncoderActivation.Identity => "torch.nn.modules.linear.Identity",
        CrossEncoderActivation.Sigmoid => "torch.nn.modules.activation.Sigmoid",
        CrossEncoderActivation.Tanh => "torch.nn.modules.activation.Tanh",
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };

    /// <summary>
    /// The activation sentence-transformers v6 resolves for a model (<c>CrossEncoder.get_default_activation_fn</c>):
    /// <c>sentence_transformers.activation_fn</c>, else the pre-v4 <c>sbert_ce_default_activation_function</c>, else
    /// Sigmoid for one label and Identity otherwise.
    /// </summary>
    /// <exception cref="ModelFormatException">The config names an activation LossGen does not implement.</exception>
    public static CrossEncoderActivation Resolve(JsonObject config, int numLabels, string configPath)
    {
        ArgumentNullException.ThrowIfNull(config);
        (string? path, string field) = config["sentence_transformers"] is JsonObject st && st["activation_fn"] is JsonValue value && value.TryGetValue(out string? text)
            ? (text, "sentence_transformers.activation_fn")
            : config["sbert_ce_default_activation_function"] is JsonValue legacy && legacy.TryGetValue(out string? old)
                ? (old, "sbert_ce_default_activation_function")
                : (null, string.Empty);
        if (path is null)
        {
            return numLabels == 1 ? CrossEncoderActivation.Sigmoid : CrossEncoderActivation.Identity;
        }

        return ByPythonPath.TryGetValue(path, out CrossEncoderActivation activation)
            ? activation
            : throw new ModelFormatException(configPath, $"{field} is '{path}'; LossGen implements {string.Join(", ", ByPythonPath.Keys.Where(k => k.Contains(".modules.", StringComparison.Ordinal)))}.");
    }

    /// <summary>Applies <paramref name="activation"/> to <paramref name="logits"/>.</summary>
    public static Tensor Apply(CrossEncoderActivation activation, Tensor logits) => activation switch
    {
        CrossEncoderActivation.Identity => logits.alias(),
        CrossEncoderActivation.Sigmoid => logits.sigmoid(),
        CrossEncoderActivation.Tanh => logits.tanh(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };
}
