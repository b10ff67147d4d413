using System.Collections.Generic;
using System.Linq;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Training;
using LossGen.Training;
using ScottPlot;

namespace LossGen.Samples;

/// <summary>The training curves as PNG figures (ScottPlot), with titles and labelled axes.</summary>
public static class TrainingCurves
{
    /// <summary>The loss of every step and its moving average over <paramref name="window"/> steps.</summary>
    public static void SaveLoss(string path, IReadOnlyList<StepReport> steps, string title, int window = 10)
    {
        var plot = new Plot();
        double[] x = steps.Select(s => (double)(s.Step + 1)).ToArray();
        double[] loss = steps.Select(s => s.Loss).ToArray();
        var raw = plot.Add.ScatterLine(x, loss, Colors.Gray.WithAlpha(0.5));
        raw.LegendText = "loss per step";
        double[] mean = loss.Select((_, i) => loss.Skip(System.Math.Max(0, i - window + 1)).Take(System.Math.Min(window, i + 1)).Average()).ToArray();
        var smooth = plot.Add.ScatterLine(x, mean, Colors.Blue);
        smooth.LegendText = $"mean of the last {window} steps";
        smooth.LineWidth = 2;
        plot.Title(title);
        plot.XLabel("optimizer step");
        plot.YLabel("training loss");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 800, 450);
    }

    /// <summary>One evaluation metric at each evaluation step.</summary>
    public static void SaveMetric(string path, IReadOnlyList<(int Step, IReadOnlyDictionary<string, double> Metrics)> evaluations, string metric, string title)
    {
        var plot = new Plot();
        var line = plot.Add.Scatter(evaluations.Select(e => (double)e.Step).ToArray(), evaluations.Select(e => e.Metrics[metric]).ToArray());
        line.LegendText = metric;
        plot.Title(title);
        plot.XLabel("optimizer step");
        plot.YLabel(metric);
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 800, 450);
    }
}
