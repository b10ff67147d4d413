using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace LossGen.Serialization;

/// <summary>The model card's training section, laid out as sentence-transformers' model card lays it out.</summary>
internal static class ModelCardTraining
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Appends the training section of <paramref name="data"/>; the losses link into <paramref name="family"/>'s loss reference.</summary>
    public static void Write(StringBuilder card, ModelCardData data, ModelFamily family)
    {
        if (data.TrainDatasets.Count == 0)
        {
            return;
        }

        card.AppendLine("## Training Details");
        card.AppendLine();
        card.AppendLine(data.TrainDatasets.Count == 1 ? "### Training Dataset" : "### Training Datasets");
        card.AppendLine();
        foreach (TrainingDatasetInfo dataset in data.TrainDatasets)
        {
            card.AppendLine($"#### {dataset.Name}");
            card.AppendLine();
            card.AppendLine($"* Dataset: {dataset.Source}");
            card.AppendLine($"* Size: {dataset.Rows.ToString("N0", CultureInfo.InvariantCulture)} training samples");
            card.AppendLine($"* Columns: {Join(dataset.Columns.Select(c => $"<code>{c}</code>").ToArray())}");
            card.AppendLine($"* Loss: [<code>{dataset.Loss}</code>](https://sbert.net/docs/package_reference/{PythonNaming.ToSnakeCase(family.ToString())}/losses.html#{dataset.Loss.ToLowerInvariant()}) with these parameters:");
            card.AppendLine("  ```json");
            foreach (string line in JsonSerializer.Serialize(dataset.LossConfig.ToDictionary(p => p.Key, p => p.Value is null or string or bool or int or long or float or double ? p.Value : p.Value.ToString()), Indented).Split('\n'))
            {
                card.AppendLine("  " + line.TrimEnd('\r'));
            }

            card.AppendLine("  ```");
            card.AppendLine();
        }

        card.AppendLine("### Training Hyperparameters");
        card.AppendLine("#### Non-Default Hyperparameters");
        card.AppendLine();
        foreach (string name in data.NonDefaultHyperparameters)
        {
            card.AppendLine($"- `{name}`: {data.Hyperparameters[name]}");
        }

        card.AppendLine();
        card.AppendLine("#### All Hyperparameters");
        card.AppendLine("<details><summary>Click to expand</summary>");
        card.AppendLine();
        foreach ((string name, string value) in data.Hyperparameters)
        {
            card.AppendLine($"- `{name}`: {value}");
        }

        card.AppendLine();
        card.AppendLine("</details>");
        card.AppendLine();
        WriteLogs(card, data.TrainingLogs);
        card.AppendLine("### Framework Versions");
        card.AppendLine($"- LossGen: {LibraryVersion.Current}");
        card.AppendLine($"- TorchSharp: {typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString(3)}");
        card.AppendLine($"- .NET: {System.Environment.Version}");
        card.AppendLine();
    }

    private static void WriteLogs(StringBuilder card, IReadOnlyList<TrainingLogEntry> logs)
    {
        if (logs.Count == 0)
        {
            return;
        }

        string[] metrics = logs.SelectMany(l => l.Values.Keys).Where(k => k != "loss").Distinct().ToArray();
        card.AppendLine("### Training Logs");
        card.AppendLine($"| Epoch | Step | Training Loss |{string.Concat(metrics.Select(m => $" {m} |"))}");
        card.AppendLine($"|:-----:|:----:|:-------------:|{string.Concat(metrics.Select(_ => ":-----:|"))}");
        foreach (TrainingLogEntry log in logs)
        {
            string Cell(string key) => log.Values.TryGetValue(key, out double value) ? value.ToString("0.0000", CultureInfo.InvariantCulture) : "-";
            card.AppendLine($"| {log.Epoch.ToString("0.0000", CultureInfo.InvariantCulture)} | {log.Step} | {Cell("loss")} |{string.Concat(metrics.Select(m => $" {Cell(m)} |"))}");
        }

        card.AppendLine();
    }

    private static string Join(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        2 => $"{items[0]} and {items[1]}",
        _ => $"{string.Join(", ", items.Take(items.Count - 1))}, and {items[^1]}",
    };
}
