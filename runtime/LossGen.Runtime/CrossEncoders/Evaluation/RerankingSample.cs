using System.Collections.Generic;

namespace LossGen.CrossEncoders.Evaluation;

/// <summary>
/// One query of <see cref="CrossEncoderRerankingEvaluator"/>: its relevant documents and either its irrelevant ones
/// (<paramref name="Negatives"/>) or the candidate list a first-stage retriever returned, in its order
/// (<paramref name="Documents"/>), as sentence-transformers' samples <c>{query, positive, negative | documents}</c>.
/// </summary>
/// <param name="Query">The query.</param>
/// <param name="Positives">The relevant documents.</param>
/// <param name="Negatives">Irrelevant documents, when no candidate list is given.</param>
/// <param name="Documents">The retriever's candidates, best first, when no negatives are given.</param>
public sealed record RerankingSample(string Query, IReadOnlyList<string> Positives, IReadOnlyList<string>? Negatives = null, IReadOnlyList<string>? Documents = null);
