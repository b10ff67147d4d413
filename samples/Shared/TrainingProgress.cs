using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Losses;
using LossGen.SentenceTransformers.Training;
using LossGen.Training;
using Spectre.Console;

namespace LossGen.Samples;

/// <summary>
/// Shows a training run: a live progress bar with loss and time left on a terminal (Spectre.Console), plain log lines
/// when the output is redirected; keeps every step and evaluation for the curves and the CSV log.
/// </summary>
public sealed class TrainingProgress : ITrainerCallback
{
    private ProgressTask? _task;

    /// <summary>Every step's report, in order.</summary>
    public List<StepReport> Steps { get; } = [];

    /// <summary>Every evaluation: the step and the metrics.</summary>
    public List<(int Step, IReadOnlyDictionary<string, double> Metrics)> Evaluations { get; } = [];

    /// <summary>
    /// Runs <paramref name="train"/> (by default <paramref name="trainer"/>'s <see cref="SentenceTransformerTrainer.Train(Action{StepReport}?, string?)"/>)
    /// with the progress shown.
    /// </summary>
    public static TrainingProgress Run(SentenceTransformerTrainer trainer, string description, Action? train = null) =>
        Run<SentenceTransformer, SentenceLoss, TextBatch>(trainer, description, train ?? (() => trainer.Train()));

    /// <summary>Runs <paramref name="train"/> on any family's <paramref name="trainer"/> with the progress shown.</summary>
    public static TrainingProgress Run<TModel, TLoss, TBatch>(TrainerCore<TModel, TLoss, TBatch> trainer, string description, Action train)
        where TModel : TorchSharp.torch.nn.Module
        where TLoss : TorchSharp.torch.nn.Module
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(train);
        var progress = new TrainingProgress();
        trainer.Callbacks.Add(progress);
        if (Console.IsOutputRedirected || !trainer.IsMainProcess)
        {
            // Under mpirun the other ranks stay quiet (their callbacks do not run).
            train();
            return progress;
        }

        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                progress._task = context.AddTask(Markup.Escape(description), maxValue: trainer.TotalSteps);
                train();
            });
        return progress;
    }

    /// <inheritdoc />
    public void OnTrainBegin(TrainerState state) => _task?.Value(state.GlobalStep);

    /// <inheritdoc />
    public void OnStepEnd(TrainerState state, StepReport report)
    {
        Steps.Add(report);
        if (_task is not null)
        {
            _task.Value(state.GlobalStep);
            _task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"step {state.GlobalStep}/{state.MaxSteps}  loss {report.Loss:F4}"));
        }
    }

    /// <inheritdoc />
    public void OnLog(TrainerState state, IReadOnlyDictionary<string, double> logs)
    {
        if (_task is null)
        {
            string epoch = logs.TryGetValue("epoch", out double value) ? string.Create(CultureInfo.InvariantCulture, $"  epoch {value:F2}") : string.Empty;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step {state.GlobalStep}/{state.MaxSteps}{epoch}  loss {logs["loss"]:F4}  lr {logs["learning_rate"]:E2}  {state.Elapsed.TotalSeconds:F0} s"));
        }
    }

    /// <inheritdoc />
    public void OnEvaluate(TrainerState state, IReadOnlyDictionary<string, double> metrics)
    {
        Evaluations.Add((state.GlobalStep, metrics));
        string line = string.Join("  ", metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key} {m.Value:F4}")));
        if (_task is null)
        {
            Console.WriteLine($"step {state.GlobalStep}: {line}");
        }
        else
        {
            AnsiConsole.MarkupLine(Markup.Escape($"step {state.GlobalStep}: {line}"));
        }
    }

    /// <summary>Writes the step log (step, loss, grad_norm, learning_rate) as CSV.</summary>
    public void SaveCsv(string path) => File.WriteAllLines(path, ["step,loss,grad_norm,learning_rate", .. Steps.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Step + 1},{r.Loss:R},{r.GradNormBeforeClip:R},{r.LearningRate:R}"))]);
}
