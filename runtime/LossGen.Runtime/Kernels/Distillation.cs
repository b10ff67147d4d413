using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace LossGen.Kernels;

/// <summary>Objectives that match a teacher: its embeddings (MSELoss) or its score distribution (DistillKLDivLoss).</summary>
public static class Distillation
{
    /// <summary>
    /// <c>T² · KL(softmax(teacher / T) ‖ softmax(student / T))</c> with batch-mean reduction; teacher probabilities of
    /// exactly 0 contribute 0. The teacher scores get no gradient.
    /// </summary>
    public static Tensor KlDivergence(Tensor studentScores, Tensor teacherScores, double temperature)
    {
        if (teacherScores.dim() != 2 || !teacherScores.shape.SequenceEqual(studentScores.shape))
        {
            throw new LossInputException($"DistillKLDivLoss: the teacher scores (labels) have shape [{string.Join(", ", teacherScores.shape)}] but the student scores one per candidate column, [{string.Join(", ", studentScores.shape)}].");
        }

        using var scope = NewDisposeScope();
        Tensor teacher = teacherScores.detach().to(studentScores.dtype).div(temperature).softmax(1);
        Tensor studentLog = F.log_softmax(studentScores.div(temperature), 1);
        Tensor divergence = xlogy(teacher, teacher).sub(teacher.mul(studentLog)).sum().div(studentScores.shape[0]);
        return divergence.mul(temperature * temperature).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Mean squared error of every column against the target embeddings; with several columns the targets are tiled
    /// along the batch (the same teacher vector for a sentence and its translations).
    /// </summary>
    public static Tensor SquaredErrorToTarget(IReadOnlyList<Tensor> columns, Tensor targets)
    {
        if (targets.dim() != 2 || targets.shape[1] != columns[0].shape[1])
        {
            throw new LossInputException($"MSELoss: the teacher embeddings (labels) have shape [{string.Join(", ", targets.shape)}] but the student's are {columns[0].shape[1]}-dimensional; teacher and student dimensions must match.");
        }

        using var scope = NewDisposeScope();
        Tensor target = targets.to(columns[0].dtype);
        Tensor loss = columns.Count == 1
            ? F.mse_loss(columns[0], target)
            : F.mse_loss(cat(columns.ToArray(), 0), target.repeat(columns.Count, 1));
        return loss.MoveToOuterDisposeScope();
    }
}
