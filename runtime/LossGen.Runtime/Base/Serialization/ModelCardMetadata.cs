using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LossGen.Evaluation;

namespace LossGen.Serialization;

/// <summary>
/// The evaluation results in the model card's front matter, as sentence-transformers writes them for the Hugging Face
/// Hub: <c>metrics</c> (every metric name) and <c>model-index</c> (huggingface_hub's <c>eval_results_to_model_index</c>:
/// per evaluator a task, a dataset and its metrics with their values).
/// </summary>
internal static partial class ModelCardMetadata
{
    // Plain words YAML reads as booleans or null.
    private static readonly HashSet<string> YamlWords = new(["true", "false", "null", "yes", "no", "on", "off", "y", "n"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Appends the <c>metrics</c> and <c>model-index</c> entries of <paramref name="data"/>'s evaluations, if any, for a model named <paramref name="modelName"/>.</summary>
    public static void Write(StringBuilder card, ModelCardData data, string modelName)
    {
        if (data.Evaluations.Count == 0)
        {
            return;
        }

        card.AppendLine("metrics:");
        foreach (string metric in data.Evaluations.SelectMany(e => e.Metrics.Select(m => m.Key)).Distinct())
        {
            card.AppendLine($"- {Scalar(metric)}");
        }

        card.AppendLine("model-index:");
        card.AppendLine($"- name: {Scalar(modelName)}");
        card.AppendLine("  results:");
        foreach (EvaluationResult result in data.Evaluations)
        {
            string datasetType = result.Name.Length > 0 ? result.Name : "unknown";
            string datasetName = result.Name.Length > 0 ? result.Name.Replace('_', ' ').Replace('-', ' ') : "Unknown";
            card.AppendLine("  - task:");
            card.AppendLine($"      type: {Scalar(result.Description.ToLowerInvariant().Replace(' ', '-'))}");
            card.AppendLine($"      name: {Scalar(result.Description)}");
            card.AppendLine("    dataset:");
            card.AppendLine($"      name: {Scalar(datasetName)}");
            card.AppendLine($"      type: {Scalar(datasetType)}");
            card.AppendLine("    metrics:");
            foreach ((string metric, double value) in result.Metrics)
            {
                card.AppendLine($"    - type: {Scalar(metric)}");
                card.AppendLine($"      value: {Number(value)}");
                card.AppendLine($"      name: {Scalar(TitleCase(metric.Replace('_', ' ')))}");
            }
        }
    }

    // Python's str.title(): a letter after a non-letter is upper-cased, any other letter lower-cased.
    private static string TitleCase(string text)
    {
        var title = new StringBuilder(text.Length);
        bool previousIsLetter = false;
        foreach (char c in text)
        {
            title.Append(previousIsLetter ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c));
            previousIsLetter = char.IsLetter(c);
        }

        return title.ToString();
    }

    // A plain YAML scalar where it cannot be misread, else a double-quoted one (a JSON string is valid YAML).
    private static string Scalar(string text) => PlainScalar().IsMatch(text) && !YamlWords.Contains(text) ? text : JsonSerializer.Serialize(text);

    private static string Number(double value) => double.IsFinite(value)
        ? value.ToString("R", CultureInfo.InvariantCulture)
        : double.IsNaN(value) ? ".nan" : value > 0 ? ".inf" : "-.inf";

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_ .@\-]*(?<! )$")]
    private static partial Regex PlainScalar();
}
