using LossGen.Generators.Helpers;
using static LossGen.Generators.Emission.GlobalNames;

namespace LossGen.Generators.Emission.Rules.SentenceTransformers;

/// <summary>
/// MultipleNegativesRankingLoss and its symmetric, cached and learnable-scale variants: anchor i must pick candidate i
/// among every candidate of the batch. With a mini-batch size the anchors are scored in chunks, as the cached losses do.
/// </summary>
internal sealed class InBatchCrossEntropyRule(Pairing pairing) : IForwardRule
{
    public Pairing Pairing => pairing;

    public Objective Objective => Objective.CrossEntropy;

    private bool IsSymmetric => pairing == Pairing.SymmetricInBatchNegatives;

    public void Write(IndentedWriter writer, ForwardContext context)
    {
        if (pairing == Pairing.InBatchNegatives && InBatchDirectionsWriter.Applies(context))
        {
            InBatchDirectionsWriter.Write(writer, context);
            return;
        }

        writer.Line("// anchors [B, d]; candidates [B·(columns − 1), d]: the positives, then each hard-negative column.");
        writer.Line($"var anchors = batch.Columns[0];");
        writer.Line($"var candidates = batch.Candidates();");
        writer.Line("// Anchor i's positive is candidate i.");
        writer.Line($"var labels = {Torch}arange(anchors.shape[0], dtype: {Int64}, device: anchors.device);");
        if (context.MiniBatchSize is string miniBatchSize)
        {
            WriteChunked(writer, context, miniBatchSize);
        }
        else
        {
            WriteWhole(writer, context);
        }
    }

    private void WriteWhole(IndentedWriter writer, ForwardContext context)
    {
        writer.Line("// scores [B, B·(columns − 1)] = scale · sim(anchors, candidates); for cos_sim the scale rides on the anchors' norms.");
        writer.Line($"var scores = {context.ScaledSimilarityMatrix("anchors", "candidates")};");
        if (!IsSymmetric)
        {
            writer.Line($"var loss = {Functional}cross_entropy(scores, labels);");
            return;
        }

        writer.Line("// Backward direction: each positive against every anchor, the transposed anchor-positive block [B, B].");
        writer.Line($"var backwardScores = scores.narrow(1, 0, anchors.shape[0]).t();");
        writer.Line($"var loss = ({Functional}cross_entropy(scores, labels) + {Functional}cross_entropy(backwardScores, labels)) / 2;");
    }

    private void WriteChunked(IndentedWriter writer, ForwardContext context, string miniBatchSize)
    {
        writer.Line($"// The reference scores {miniBatchSize} anchors at a time and weights each chunk's mean by its share of the batch.");
        writer.Line("long batchSize = anchors.shape[0];");
        writer.Line($"var loss = {Torch}zeros(global::System.Array.Empty<long>(), dtype: anchors.dtype, device: anchors.device);");
        using (writer.Block($"for (long start = 0; start < batchSize; start += {miniBatchSize})"))
        {
            writer.Line($"long rows = global::System.Math.Min({miniBatchSize}, batchSize - start);");
            writer.Line($"var chunkLabels = labels.narrow(0, start, rows);");
            writer.Line("// scores [rows, B·(columns − 1)]");
            writer.Line($"var scores = {context.ScaledSimilarityMatrix("anchors.narrow(0, start, rows)", "candidates")};");
            writer.Line($"var chunkLoss = {Functional}cross_entropy(scores, chunkLabels);");
            if (IsSymmetric)
            {
                writer.Line("// Backward direction: the chunk's positives against every anchor, [rows, B].");
                writer.Line($"var backwardScores = {context.ScaledSimilarityMatrix("batch.Columns[1].narrow(0, start, rows)", "anchors")};");
                writer.Line($"chunkLoss = (chunkLoss + {Functional}cross_entropy(backwardScores, chunkLabels)) / 2;");
            }

            writer.Line("loss += chunkLoss * ((double)rows / batchSize);");
        }
    }
}
