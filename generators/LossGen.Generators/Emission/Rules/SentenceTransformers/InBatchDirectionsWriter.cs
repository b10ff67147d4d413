using System.Collections.Generic;
using LossGen.Generators.Helpers;
using LossGen.Generators.Models;
using static LossGen.Generators.Emission.GlobalNames;

namespace LossGen.Generators.Emission.Rules.SentenceTransformers;

/// <summary>
/// MultipleNegativesRankingLoss with sentence-transformers v5.3's direction blocks, partition modes and hardness
/// penalty, emitted as the reference's <c>compute_loss_from_embeddings</c> reads. A class-level <c>[Directions]</c> is
/// resolved here, so only its blocks are written; declared <c>Directions</c>/<c>PartitionMode</c> properties are tested
/// at run time. Query rows are scored in chunks of the mini-batch size when the loss has one (GradCache).
/// </summary>
internal static class InBatchDirectionsWriter
{
    private const string Directions = "global::LossGen.InBatchDirections.";
    private const string Blocks = "global::LossGen.SentenceTransformers.LossAlgorithms.InBatchBlocks.";

    /// <summary>Whether the declaration uses directions or hardness at all; otherwise the plain in-batch rule is written.</summary>
    public static bool Applies(ForwardContext context) =>
        context.Model.FixedDirections is not null || context.Declares("Directions") || context.Declares("HardnessMode") || context.Declares("GatherAcrossDevices");

    public static void Write(IndentedWriter writer, ForwardContext context)
    {
        FixedDirections? fixedDirections = context.Model.FixedDirections;
        string similarity = context.Name(HyperParameterRole.Similarity);
        string scale = context.Scale;
        bool gathers = context.Declares("GatherAcrossDevices");
        if (gathers)
        {
            writer.Line("// This rank's rows are scored against every rank's candidates: B below is the gathered batch, and this rank's rows start at offset.");
            writer.Line("long localSize = batch.Columns[0].shape[0];");
            writer.Line("long offset = 0;");
            using (writer.Block("if (GatherAcrossDevices)"))
            {
                writer.Line("(batch, offset) = global::LossGen.Distributed.AcrossDevices.Gather(batch);");
            }
        }

        writer.Line("// queries [B, d]; docs [B·(columns − 1), d]: the positives, then each hard-negative column, so query i's own documents are the columns ≡ i (mod B).");
        writer.Line("var queries = batch.Columns[0];");
        writer.Line("var positives = batch.Columns[1];");
        writer.Line("var docs = batch.Candidates();");
        writer.Line("long batchSize = queries.shape[0];");
        writer.Line($"long chunk = {(context.MiniBatchSize is string miniBatchSize ? miniBatchSize : gathers ? "localSize" : "batchSize")};");
        writer.Line($"var loss = {Torch}zeros(global::System.Array.Empty<long>(), dtype: queries.dtype, device: queries.device);");
        string first = gathers ? "offset" : "0", end = gathers ? "offset + localSize" : "batchSize", meanOver = gathers ? "localSize" : "batchSize";
        using (writer.Block($"for (long start = {first}; start < {end}; start += chunk)"))
        {
            writer.Line($"long rows = global::System.Math.Min(chunk, {end} - start);");
            writer.Line("var rowQueries = queries.narrow(0, start, rows);");
            writer.Line("var rowPositives = positives.narrow(0, start, rows);");
            writer.Line($"var rowLabels = {Torch}arange(start, start + rows, dtype: {Int64}, device: queries.device);");
            writer.Line("// query_to_doc [rows, B·(columns − 1)]: row i's positive at column start + i. For cos_sim the scale rides on the queries' norms.");
            string scaled = $"{Similarities}ScaledMatrix({similarity}, rowQueries, docs, {scale})";
            if (context.Declares("HardnessMode"))
            {
                writer.Line($"{Tensor} queryToDoc;");
                using (writer.Block($"if (HardnessMode is global::LossGen.HardnessMode hardness && {context.Optional("HardnessStrength")} > 0)"))
                {
                    writer.Line("// Lan et al. 2025, Eq. 5: the chosen negatives weigh more in the partition function; detached, added after the scale.");
                    writer.Line($"var similarities = {Similarities}Matrix({similarity}, rowQueries, docs);");
                    writer.Line($"queryToDoc = (similarities * {scale}) + {Blocks}HardnessPenalty(hardness, {context.Optional("HardnessStrength")}, similarities, start, batchSize);");
                }

                using (writer.Block("else"))
                {
                    writer.Line($"queryToDoc = {scaled};");
                }
            }
            else
            {
                writer.Line($"var queryToDoc = {scaled};");
            }

            if (fixedDirections is { Directions.Length: 1 })
            {
                WriteCrossEntropy(writer, meanOver);
                return;
            }

            writer.Line($"var blocks = new global::System.Collections.Generic.List<{Tensor}> {{ queryToDoc }};");
            WriteBlock(writer, fixedDirections, "QueryToQuery", "query_to_query [rows, B]: query i against every other query.",
                $"blocks.Add({Blocks}WithoutSelf({Similarities}ScaledMatrix({similarity}, rowQueries, queries, {scale}), start));");
            // Unchunked and without a penalty, doc_to_query is query_to_doc's positive block transposed: no second product.
            string docToQuery = $"{Similarities}ScaledMatrix({similarity}, rowPositives, queries, {scale})";
            WriteBlock(writer, fixedDirections, "DocToQuery", "doc_to_query [rows, B]: query i's positive against every query; its diagonal is the positive logit again.",
                context.Declares("HardnessMode")
                    ? $"blocks.Add({docToQuery});"
                    : $"blocks.Add(rows == batchSize ? queryToDoc.narrow(1, 0, batchSize).t() : {docToQuery});");
            WriteBlock(writer, fixedDirections, "DocToDoc", "doc_to_doc [rows, B·(columns − 1)]: query i's positive against every document but its own.",
                $"blocks.Add({Blocks}WithoutOwnDocuments({Similarities}ScaledMatrix({similarity}, rowPositives, docs, {scale}), start, batchSize));");
            string joint = $"{Torch}cat(blocks, 1).logsumexp(1)";
            string perDirection = $"{Blocks}MeanLogPartition(blocks)";
            if (fixedDirections is { PartitionMode: string mode })
            {
                WritePartition(writer, mode == "PerDirection" ? perDirection : joint, meanOver);
                return;
            }

            using (writer.Block("if (blocks.Count == 1)"))
            {
                WriteCrossEntropy(writer, meanOver);
            }

            using (writer.Block("else"))
            {
                WritePartition(writer, $"{context.Optional("PartitionMode")} == global::LossGen.PartitionMode.PerDirection ? {perDirection} : {joint}", meanOver);
            }
        }
    }

    // query_to_doc alone: its softmax is the whole partition, so the fused cross-entropy computes it.
    // The mean is over this rank's rows (all rows outside a gathered run).
    private static void WriteCrossEntropy(IndentedWriter writer, string rows)
    {
        writer.Line("// query_to_doc alone: a cross-entropy with each row's positive as the target.");
        writer.Line($"loss += {Functional}cross_entropy(queryToDoc, rowLabels) * ((double)rows / {rows});");
    }

    private static void WritePartition(IndentedWriter writer, string logPartition, string rows)
    {
        writer.Line("var positiveScores = queryToDoc.gather(1, rowLabels.unsqueeze(1)).squeeze(1);");
        writer.Line($"var logPartition = {logPartition};");
        writer.Line($"loss += (logPartition - positiveScores).sum() / {rows};");
    }

    // A fixed set writes the block or not; a declared property tests its flag at run time.
    private static void WriteBlock(IndentedWriter writer, FixedDirections? fixedDirections, string direction, string comment, string add)
    {
        if (fixedDirections is not null)
        {
            if (fixedDirections.Has(direction))
            {
                writer.Line("// " + comment);
                writer.Line(add);
            }

            return;
        }

        using (writer.Block($"if ((Directions & {Directions}{direction}) != 0)"))
        {
            writer.Line("// " + comment);
            writer.Line(add);
        }
    }
}
