using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// Checks a distillation loss's labels (a teacher's scores or margins) against the student's tensors and
/// brings them to the student's dtype; a mismatch is a <see cref="LossInputException"/> that names the loss and both shapes.
/// </summary>
public static class TeacherLabels
{
    /// <summary>
    /// The teacher's scores, one per candidate column like <paramref name="studentScores"/>, detached. A softmax over one
    /// candidate is always 1, so a single candidate column (no negative) is refused, as sentence-transformers v6 refuses it.
    /// </summary>
    public static Tensor Scores(LossDescriptor loss, Tensor labels, Tensor studentScores)
    {
        if (studentScores.shape[1] < 2)
        {
            throw new LossInputException($"{loss.Name} needs at least three columns (query, positive, negatives): with {studentScores.shape[1] + 1} the softmax over the passages is always 1 and the loss always 0.");
        }

        if (labels.dim() != 2 || !labels.shape.SequenceEqual(studentScores.shape))
        {
            throw new LossInputException($"{loss.Name}: the teacher scores (labels) have shape [{Shape(labels)}] but the student scores one per candidate column, [{Shape(studentScores)}].");
        }

        return labels.detach().to(studentScores.dtype);
    }

    /// <summary>
    /// The teacher's margins shaped like <paramref name="studentMargins"/> (<c>[B, n]</c>): given as margins <c>[B]</c> or
    /// <c>[B, n]</c>, or as raw scores <c>[B, n + 1]</c>, positive first, which are turned into margins.
    /// </summary>
    public static Tensor Margins(LossDescriptor loss, Tensor labels, Tensor studentMargins)
    {
        long batch = studentMargins.shape[0];
        long negatives = studentMargins.shape[1];
        // The teacher is a constant: no gradient flows into labels that require one (sentence-transformers v6).
        Tensor margins = labels.detach().to(studentMargins.dtype);
        if (margins.dim() == 2 && margins.shape[1] == negatives + 1)
        {
            margins = margins.narrow(1, 0, 1).sub(margins.narrow(1, 1, negatives));
        }
        else if (margins.dim() == 1)
        {
            margins = margins.unsqueeze(1);
        }

        if (margins.dim() != 2 || margins.shape[0] != batch || margins.shape[1] != negatives)
        {
            throw new LossInputException($"{loss.Name}: labels of shape [{Shape(labels)}] do not match {negatives} negative column(s); expected [{batch}], [{batch}, {negatives}] or [{batch}, {negatives + 1}].");
        }

        return margins;
    }

    private static string Shape(Tensor tensor) => string.Join(", ", tensor.shape);
}
