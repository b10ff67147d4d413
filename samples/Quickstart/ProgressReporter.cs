using System;
using System.Diagnostics;
using LossGen.Training;

namespace Quickstart;

/// <summary>A progress bar with loss and throughput on a terminal; plain log lines when the output is redirected.</summary>
internal sealed class ProgressReporter(int totalSteps, int batchSize)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public void Report(StepReport report)
    {
        int done = report.Step + 1;
        double perSecond = done * batchSize / Math.Max(_clock.Elapsed.TotalSeconds, 1e-9);
        if (Console.IsOutputRedirected)
        {
            if (done == totalSteps || done % 10 == 0 || done == 1)
            {
                Console.WriteLine($"step {done}/{totalSteps}  loss {report.Loss:F4}  lr {report.LearningRate:E2}  {perSecond:F1} examples/s");
            }

            return;
        }

        const int width = 30;
        int filled = width * done / totalSteps;
        Console.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {done}/{totalSteps}  loss {report.Loss:F4}  {perSecond:F1} examples/s ");
    }

    public void Finish()
    {
        if (!Console.IsOutputRedirected)
        {
            Console.WriteLine();
        }
    }
}
