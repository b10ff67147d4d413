using System;
using System.Linq;
using System.Text.Json.Nodes;
using LossGen.Serialization;
using static TorchSharp.torch;

namespace LossGen.CrossEncoders;

/// <summary>Resolves and applies a cross-encoder's <see cref="ActivationFunction"/> as sentence-transformers does.</summary>
public static class CrossEncoderActivations
{
    /// <summary>
    /// The activation sentence-transformers v6 resolves for a model (<c>CrossEncoder.get_default_activation_fn</c>):
    /// <c>sentence_transformers.activation_fn</c>, else the pre-v4 <c>sbert_ce_default_activation_function</c>, else
    /// Sigmoid for one label and Identity otherwise.
    /// </summary>
    /// <exception cref="ModelFormatException">The config names an activation LossGen does not implement.</exception>
    public static ActivationFunction Resolve(JsonObject config, int numLabels, string configPath)
    {
        ArgumentNullException.ThrowIfNull(config);
        (string? path, string field) = config["sentence_transformers"] is JsonObject st && st["activation_fn"] is JsonValue value && value.TryGetValue(out string? text)
            ? (text, "sentence_transformers.activation_fn")
            : config["sbert_ce_default_activation_function"] is JsonValue legacy && legacy.TryGetValue(out string? old)
                ? (old, "sbert_ce_default_activation_function")
                : (null, string.Empty);
        if (path is null)
        {
            return numLabels == 1 ? ActivationFunction.Sigmoid : ActivationFunction.Identity;
        }

        return ActivationFunctions.FromPythonName(path)
            ?? throw new ModelFormatException(configPath, $"{field} is '{path}'; LossGen implements {string.Join(", ", Enum.GetValues<ActivationFunction>().Select(a => a.ToPythonName()))}.");
    }

    /// <summary>Applies <paramref name="activation"/> to <paramref name="logits"/>; <c>null</c> (Python's <c>None</c>) leaves them as they are.</summary>
    public static Tensor Apply(ActivationFunction? activation, Tensor logits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        return activation switch
        {
            null or ActivationFunction.Identity => logits.alias(),
            ActivationFunction.Sigmoid => logits.sigmoid(),
            ActivationFunction.Tanh => logits.tanh(),
            _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
        };
    }
}
