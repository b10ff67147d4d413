using System.Collections.Generic;

namespace LossGen;

/// <summary>
/// A query, its candidate documents and one relevance label per document, for listwise rerankers (LambdaLoss, ListNetLoss,
/// ListMLELoss, PListMLELoss, RankNetLoss, ADRMSELoss); the lists may differ in length between examples.
/// </summary>
/// <param name="Query">The query.</param>
/// <param name="Documents">The documents to rank.</param>
/// <param name="Labels">Each document's relevance (graded or 0/1).</param>
public sealed record QueryDocumentsExample(string Query, IReadOnlyList<string> Documents, IReadOnlyList<float> Labels) : ITrainingExample
{
    /// <inheritdoc />
    public IReadOnlyList<string> Texts => [Query, .. Documents];

    /// <inheritdoc />
    public object? Label => Labels;
}
