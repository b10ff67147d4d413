using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using LossGen.Evaluation;

namespace LossGen.Serialization;

/// <summary>
/// The model card's Evaluation section, as sentence-transformers writes it: per evaluator the description, the dataset
/// (the evaluator's name), a link to the evaluator's reference and a table of its latest metrics, the primary one in
/// bold; evaluators of one type with the same metrics share a table, a column per dataset.
/// </summary>
internal static class ModelCardEvaluation
{
    /// <summary>Appends the section for <paramref name="data"/>'s evaluations; evaluator links go into <paramref name="family"/>'s reference.</summary>
    public static void Write(StringBuilder card, ModelCardData data, ModelFamily family)
    {
        if (data.Evaluations.Count == 0)
        {
            return;
        }

        card.AppendLine("## Evaluation");
        card.AppendLine();
        card.AppendLine("### Metrics");
        foreach (IReadOnlyList<EvaluationResult> group in Groups(data.Evaluations))
        {
            EvaluationResult first = group[0];
            card.AppendLine();
            card.AppendLine($"#### {first.Description}");
            string[] datasets = [.. group.Select(r => r.Name).Where(n => n.Length > 0)];
            if (datasets.Length > 0)
            {
                card.AppendLine();
                card.AppendLine($"* Dataset{(datasets.Length > 1 ? "s" : string.Empty)}: {JoinNames(datasets)}");
            }
            else
            {
                card.AppendLine();
            }

            card.AppendLine($"* Evaluated with {Link(first.EvaluatorType, family)}");
            card.AppendLine();
            string[] headers = group.Count == 1 ? ["Metric", "Value"] : ["Metric", .. group.Select(r => r.Name)];
            string[][] rows = [.. first.Metrics.Select(m => (string[])[Bold(m.Key, first), .. group.Select(r => Bold(Value(r, m.Key), r, m.Key))])];
            MarkdownTable(card, headers, rows);
        }

        card.AppendLine();
    }

    // sentence-transformers' grouping: results of one evaluator type with the same metrics and other names share a table.
    private static List<List<EvaluationResult>> Groups(IReadOnlyList<EvaluationResult> results)
    {
        var groups = new List<List<EvaluationResult>>();
        foreach (EvaluationResult result in results)
        {
            List<EvaluationResult>? group = groups.FirstOrDefault(g => g[0].EvaluatorType == result.EvaluatorType
                && g[0].Metrics.Select(m => Bold(m.Key, g[0])).ToHashSet().SetEquals(result.Metrics.Select(m => Bold(m.Key, result)))
                && g.TrueForAll(r => r.Name != result.Name));
            if (group is null)
            {
                groups.Add([result]);
            }
            else
            {
                group.Add(result);
            }
        }

        return groups;
    }

    private static string Value(EvaluationResult result, string metric) =>
        PythonRepr.Float(Math.Round(result.Metrics.First(m => m.Key == metric).Value, 4, MidpointRounding.ToEven));

    private static string Bold(string metric, EvaluationResult result) => Bold(metric, result, metric);

    private static string Bold(string text, EvaluationResult result, string metric) => metric == result.PrimaryMetric ? $"**{text}**" : text;

    private static string Link(Type evaluator, ModelFamily family)
    {
        if (evaluator.Namespace?.StartsWith("LossGen.", StringComparison.Ordinal) != true)
        {
            return $"<code>{evaluator.FullName}</code>";
        }

        string module = PythonNaming.ToSnakeCase(family.ToString());
        return $"[<code>{evaluator.Name}</code>](https://sbert.net/docs/package_reference/{module}/evaluation.html#sentence_transformers.{module}.evaluation.{evaluator.Name})";
    }

    private static string JoinNames(IReadOnlyList<string> names) => names.Count == 1
        ? $"`{names[0]}`"
        : $"{string.Join(", ", names.Take(names.Count - 1).Select(n => $"`{n}`"))} and `{names[^1]}`";

    // transformers' make_markdown_table: cells padded to their column's width, left-aligned.
    private static void MarkdownTable(StringBuilder card, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        int[] widths = [.. headers.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length)))];
        void Line(IReadOnlyList<string> cells) => card.AppendLine(string.Concat(cells.Select((c, i) => $"| {c.PadRight(widths[i] + 1)}")) + "|");
        Line(headers);
        card.AppendLine(string.Concat(widths.Select(w => "|:" + new string('-', w + 1))) + "|");
        foreach (IReadOnlyList<string> row in rows)
        {
            Line(row);
        }
    }
}
