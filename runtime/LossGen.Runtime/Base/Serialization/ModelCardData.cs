using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LossGen.Training;

namespace LossGen.Serialization;

/// <summary>
/// What the saved folder's model card says about how the model was trained (sentence-transformers'
/// <c>model_card_data</c>): the trainer of either family fills it, and saving the model writes it into README.md.
/// </summary>
public sealed class ModelCardData
{
    private readonly List<TrainingDatasetInfo> _datasets = [];
    private readonly List<(int Step, double Epoch, Dictionary<string, double> Values)> _logs = [];
    private readonly List<Evaluation.EvaluationResult> _evaluations = [];

    /// <summary>The training datasets, each with its loss.</summary>
    public IReadOnlyList<TrainingDatasetInfo> TrainDatasets => _datasets;

    /// <summary>Each evaluator's latest results (the card's Evaluation section), in the order they first ran.</summary>
    public IReadOnlyList<Evaluation.EvaluationResult> Evaluations => _evaluations;

    /// <summary>Every training argument under transformers' name, with its value.</summary>
    public IReadOnlyDictionary<string, string> Hyperparameters { get; private set; } = new Dictionary<string, string>();

    /// <summary>The names of the arguments whose value differs from sentence-transformers' default.</summary>
    public IReadOnlyList<string> NonDefaultHyperparameters { get; private set; } = [];

    /// <summary>The training log: mean losses at the logging steps and each evaluator's primary metric at the evaluation steps.</summary>
    public IReadOnlyList<TrainingLogEntry> TrainingLogs => _logs.Select(l => new TrainingLogEntry(l.Step, l.Epoch, new Dictionary<string, double>(l.Values))).ToArray();

    internal void RecordTraining(IEnumerable<TrainingDatasetInfo> datasets, TrainingArguments arguments)
    {
        _datasets.Clear();
        _logs.Clear();
        _evaluations.Clear();
        _datasets.AddRange(datasets);
        Dictionary<string, string> values = Arguments(arguments), defaults = Arguments(new TrainingArguments());
        Hyperparameters = values;
        NonDefaultHyperparameters = values.Where(v => defaults[v.Key] != v.Value).Select(v => v.Key).ToArray();
    }

    internal void RecordLog(int step, IReadOnlyDictionary<string, double> logs) =>
        Entry(step, logs.GetValueOrDefault("epoch", double.NaN))["loss"] = logs["loss"];

    internal void RecordEvaluation(int step, double epoch, IReadOnlyList<Evaluation.EvaluationResult> results)
    {
        Dictionary<string, double> entry = Entry(step, epoch);
        foreach (Evaluation.EvaluationResult result in results)
        {
            // The log keeps the primary metrics only, as sentence-transformers' set_evaluation_metrics does.
            foreach ((string _, double value) in result.Metrics.Where(m => m.Key == result.PrimaryMetric))
            {
                entry[result.PrimaryMetricKey] = value;
            }

            // An evaluator's latest results replace its earlier ones, as sentence-transformers keeps one entry per evaluator.
            int index = _evaluations.FindIndex(e => e.EvaluatorType == result.EvaluatorType && e.Name == result.Name);
            if (index >= 0)
            {
                _evaluations[index] = result;
            }
            else
            {
                _evaluations.Add(result);
            }
        }
    }

    private Dictionary<string, double> Entry(int step, double epoch)
    {
        if (_logs.Count == 0 || _logs[^1].Step != step)
        {
            _logs.Add((step, epoch, new Dictionary<string, double>()));
        }

        return _logs[^1].Values;
    }

    // transformers' argument names: snake_case of ours, but for the two it names after its data loader.
    private static Dictionary<string, string> Arguments(TrainingArguments arguments) =>
        typeof(TrainingArguments).GetProperties().ToDictionary(
            p => p.Name switch
            {
                nameof(TrainingArguments.BatchSize) => "per_device_train_batch_size",
                nameof(TrainingArguments.DropLast) => "dataloader_drop_last",
                _ => PythonNaming.ToSnakeCase(p.Name),
            },
            p => p.GetValue(arguments) switch
            {
                null => "None",
                bool b => b ? "True" : "False",
                System.Enum e => PythonNaming.ToSnakeCase(e.ToString()),
                double d => PythonRepr.Float(d),
                object v => System.Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty,
            });
}

/// <summary>One training dataset as the model card describes it.</summary>
/// <param name="Name">Its name (the key of a multi-dataset run, else "train").</param>
/// <param name="Source">Where it was read from.</param>
/// <param name="Rows">Its number of rows.</param>
/// <param name="Columns">Its columns, in order.</param>
/// <param name="Loss">The loss it trained.</param>
/// <param name="LossConfig">The loss's hyper-parameters, under sentence-transformers' names.</param>
public sealed record TrainingDatasetInfo(string Name, string Source, int Rows, IReadOnlyList<string> Columns, string Loss, IReadOnlyDictionary<string, object?> LossConfig);

/// <summary>One row of the training log.</summary>
/// <param name="Step">The optimizer step after which it was taken.</param>
/// <param name="Epoch">The fractional epoch.</param>
/// <param name="Values">The mean training loss (<c>loss</c>) and any evaluation metrics at that step.</param>
public sealed record TrainingLogEntry(int Step, double Epoch, IReadOnlyDictionary<string, double> Values);
