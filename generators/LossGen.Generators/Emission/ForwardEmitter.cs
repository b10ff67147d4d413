using System.Linq;
using LossGen.Generators.Helpers;
using LossGen.Generators.Models;

namespace LossGen.Generators.Emission;

/// <summary>Lowers a declaration's pairing and objective (or its [LossMath] method) to the body of <c>ComputeFromEmbeddings</c>.</summary>
internal static class ForwardEmitter
{
    private const string Kernels = "global::LossGen.Kernels.";
    private const string Functional = "global::TorchSharp.torch.nn.functional.";

    public static void Write(IndentedWriter writer, LossModel model)
    {
        if (model.Math is MathMethodModel math)
        {
            writer.Line($"global::TorchSharp.torch.Tensor loss = {math.Name}({string.Join(", ", math.Arguments)});");
            return;
        }

        string similarity = Similarity(model);
        string labels = "batch.Labels!";
        switch ((model.Pairing, model.Objective))
        {
            case ("InBatchNegatives" or "SymmetricInBatchNegatives", "CrossEntropy"):
                string? miniBatch = Role(model, HyperParameterRole.MiniBatchSize)?.Name;
                writer.Line($"global::TorchSharp.torch.Tensor loss = {Kernels}InBatchNegatives.CrossEntropy(batch.Columns, {similarity}, {ScaleExpression(model)}, symmetric: {(model.Pairing == "SymmetricInBatchNegatives" ? "true" : "false")}, miniBatchSize: {miniBatch ?? "null"});");
                break;
            case ("Pairwise", "CoSent"):
                writer.Line($"global::TorchSharp.torch.Tensor scores = global::LossGen.Similarities.Pairwise({similarity}, batch.Columns[0], batch.Columns[1]).mul_({Role(model, HyperParameterRole.Scale)!.Name});");
                writer.Line($"global::TorchSharp.torch.Tensor loss = {Kernels}CoSentRanking.Loss(scores, {labels});");
                break;
            case ("Pairwise", "Regression"):
                string function = model.HyperParameters.FirstOrDefault(p => p.TypeName == "global::LossGen.RegressionLossFunction")?.Name ?? "global::LossGen.RegressionLossFunction.MseLoss";
                writer.Line($"global::TorchSharp.torch.Tensor scores = global::LossGen.Similarities.Pairwise({similarity}, batch.Columns[0], batch.Columns[1]);");
                writer.Line($"global::TorchSharp.torch.Tensor loss = {Kernels}Regression.Loss({function}, scores, {labels}.to(scores.dtype).view(-1));");
                break;
            case ("Pairwise", "KlDivergence"):
                writer.Line($"global::TorchSharp.torch.Tensor scores = {Kernels}Candidates.PairwiseScores({similarity}, batch.Columns);");
                writer.Line($"global::TorchSharp.torch.Tensor loss = {Kernels}Distillation.KlDivergence(scores, {labels}, {Role(model, HyperParameterRole.Temperature)!.Name});");
                break;
            case ("Pairwise", "BinaryCrossEntropy"):
                writer.Line($"global::TorchSharp.torch.Tensor logits = global::LossGen.Similarities.Pairwise({similarity}, batch.Columns[0], batch.Columns[1]);");
                writer.Line($"global::TorchSharp.torch.Tensor loss = {Functional}binary_cross_entropy_with_logits(logits, {labels}.to(logits.dtype), reduction: global::TorchSharp.torch.nn.Reduction.Sum);");
                break;
            case ("Triplet", "Hinge"):
                string metric = Role(model, HyperParameterRole.Distance)!.Name;
                writer.Line($"global::TorchSharp.torch.Tensor positiveDistances = global::LossGen.Distances.Triplet({metric}, batch.Columns[0], batch.Columns[1]);");
                writer.Line($"global::TorchSharp.torch.Tensor negativeDistances = global::LossGen.Distances.Triplet({metric}, batch.Columns[0], batch.Columns[2]);");
                writer.Line($"global::TorchSharp.torch.Tensor loss = {Functional}relu(positiveDistances.sub(negativeDistances).add_({MarginName(model)})).mean();");
                break;
            case ("BatchAll", "Hinge"):
                WriteBatchDistances(writer, model);
                writer.Line($"global::TorchSharp.torch.Tensor loss = {Kernels}TripletMining.BatchAll(distances, {labels}, {MarginName(model)});");
                break;
            case ("BatchSemiHard", "Hinge"):
                WriteBatchDistances(writer, model);
                writer.Line($"global::TorchSharp.torch.Tensor loss = {Kernels}TripletMining.BatchSemiHard(distances, {labels}, {MarginName(model)});");
                break;
            case ("BatchHard", "Hinge"):
                WriteBatchDistances(writer, model);
                writer.Line($"(global::TorchSharp.torch.Tensor hardestPositive, global::TorchSharp.torch.Tensor hardestNegative) = {Kernels}TripletMining.BatchHard(distances, {labels});");
                writer.Line("// clamp_min, not relu: the reference zeroes only negative terms, so a term of exactly 0 keeps its gradient.");
                writer.Line($"global::TorchSharp.torch.Tensor loss = hardestPositive.sub(hardestNegative).add_({MarginName(model)}).clamp_min(0).mean();");
                break;
            case ("BatchHard", "SoftMargin"):
                WriteBatchDistances(writer, model);
                writer.Line($"(global::TorchSharp.torch.Tensor hardestPositive, global::TorchSharp.torch.Tensor hardestNegative) = {Kernels}TripletMining.BatchHard(distances, {labels});");
                writer.Line("// softplus is log1p(exp(x)) without its float32 overflow for large x.");
                writer.Line($"global::TorchSharp.torch.Tensor loss = {Functional}softplus(hardestPositive.sub(hardestNegative)).mean();");
                break;
            case ("Target", "SquaredError"):
                writer.Line($"global::TorchSharp.torch.Tensor loss = {Kernels}Distillation.SquaredErrorToTarget(batch.Columns, {labels});");
                break;
        }
    }

    private static void WriteBatchDistances(IndentedWriter writer, LossModel model) =>
        writer.Line($"global::TorchSharp.torch.Tensor distances = global::LossGen.Distances.Batch({Role(model, HyperParameterRole.Distance)!.Name}, batch.Columns[0]);");

    private static string MarginName(LossModel model) => Role(model, HyperParameterRole.Margin)!.Name;

    private static string ScaleExpression(LossModel model)
    {
        HyperParameterModel scale = Role(model, HyperParameterRole.Scale)!;
        return scale.IsLearnable ? "LogitScale.exp()" : scale.Name;
    }

    private static string Similarity(LossModel model) =>
        model.FixedSimilarity is string fixedSimilarity
            ? "global::LossGen.SimilarityFunction." + fixedSimilarity
            : Role(model, HyperParameterRole.Similarity)?.Name ?? "global::LossGen.SimilarityFunction.CosSim";

    private static HyperParameterModel? Role(LossModel model, HyperParameterRole role) =>
        model.HyperParameters.FirstOrDefault(p => p.Role == role);
}
