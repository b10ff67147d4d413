using System.Threading.Tasks;
using Xunit;
using V = LossGen.Analyzers.Tests.Support.Verify<LossGen.Analyzers.InBatchDirectionsAnalyzer>;

namespace LossGen.Analyzers.Tests;

public sealed class InBatchDirectionsAnalyzerTests
{
    [Fact]
    public Task Per_direction_with_query_to_query_and_directions_without_query_to_doc_are_errors() => V.Analyze("""
        using LossGen;
        using LossGen.SentenceTransformers.Losses;
        class C
        {
            void Build()
            {
                _ = new MultipleNegativesRankingLoss(null, directions: {|#0:InBatchDirections.QueryToDoc | InBatchDirections.QueryToQuery|}, partitionMode: PartitionMode.PerDirection);
                _ = new CachedMultipleNegativesRankingLoss(null, directions: {|#1:InBatchDirections.DocToQuery|});
            }
        }
        """,
        V.Diagnostic("LG1014").WithLocation(0).WithArguments("MultipleNegativesRankingLoss", "partition_mode='per_direction' requires every direction's candidate pool to include the positive pair, and 'query_to_query' and 'doc_to_doc' never include it; use PartitionMode.Joint"),
        V.Diagnostic("LG1014").WithLocation(1).WithArguments("CachedMultipleNegativesRankingLoss", "'query_to_doc' direction is required (it contains the positive pair)"));

    [Fact]
    public Task Accepted_and_unknown_directions_are_fine() => V.Analyze("""
        using LossGen;
        using LossGen.SentenceTransformers.Losses;
        class C
        {
            void Build(InBatchDirections given, PartitionMode mode)
            {
                _ = new MultipleNegativesRankingLoss(null, directions: InBatchDirections.QueryToDoc | InBatchDirections.QueryToQuery | InBatchDirections.DocToQuery | InBatchDirections.DocToDoc);
                _ = new MultipleNegativesRankingLoss(null, directions: InBatchDirections.QueryToDoc | InBatchDirections.DocToQuery, partitionMode: PartitionMode.PerDirection);
                _ = new MultipleNegativesRankingLoss(null, directions: given, partitionMode: PartitionMode.PerDirection);
                _ = new MultipleNegativesRankingLoss(null, directions: InBatchDirections.QueryToDoc | InBatchDirections.DocToDoc, partitionMode: mode);
                _ = new MultipleNegativesRankingLoss(null);
            }
        }
        """);
}
