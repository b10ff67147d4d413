using System.Threading.Tasks;
using Xunit;
using V = LossGen.Analyzers.Tests.Support.Verify<LossGen.Analyzers.CrossEncoderLabelsAnalyzer>;

namespace LossGen.Analyzers.Tests;

public sealed class CrossEncoderLabelsAnalyzerTests
{
    [Fact]
    public Task A_one_logit_loss_with_a_three_label_model() => V.Analyze("""
        using LossGen.CrossEncoders;
        class C
        {
            void Build()
            {
                var model = CrossEncoder.Load("nli", numLabels: 3);
                _ = {|#0:new LossGen.CrossEncoders.Losses.BinaryCrossEntropyLoss(model)|};
                _ = {|#1:new LossGen.CrossEncoders.Losses.LambdaLoss(CrossEncoder.Load("nli", numLabels: 3))|};
            }
        }
        """,
        V.Diagnostic("LG1012").WithLocation(0).WithArguments("BinaryCrossEntropyLoss", "Build", 3),
        V.Diagnostic("LG1012").WithLocation(1).WithArguments("LambdaLoss", "Build", 3));

    [Fact]
    public Task Cross_entropy_with_a_model_seeded_from_a_bi_encoder_has_one_label() => V.Analyze("""
        using LossGen.CrossEncoders;
        class C
        {
            void Build(LossGen.SentenceTransformers.SentenceTransformer biEncoder)
            {
                var model = CrossEncoder.FromSentenceTransformer(biEncoder);
                _ = {|#0:new LossGen.CrossEncoders.Losses.CrossEntropyLoss(model)|};
            }
        }
        """,
        V.Diagnostic("LG1013").WithLocation(0).WithArguments("CrossEntropyLoss", "Build"));

    [Fact]
    public Task Fitting_label_counts_and_unknown_ones_are_fine() => V.Analyze("""
        using LossGen.CrossEncoders;
        class C
        {
            void Build(LossGen.SentenceTransformers.SentenceTransformer biEncoder, CrossEncoder given)
            {
                _ = new LossGen.CrossEncoders.Losses.BinaryCrossEntropyLoss(CrossEncoder.FromSentenceTransformer(biEncoder));
                _ = new LossGen.CrossEncoders.Losses.CrossEntropyLoss(CrossEncoder.Load("nli", numLabels: 3));
                _ = new LossGen.CrossEncoders.Losses.MSELoss(CrossEncoder.Load("reranker"));
                _ = new LossGen.CrossEncoders.Losses.CrossEntropyLoss(given);
            }
        }
        """);
}
