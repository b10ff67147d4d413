namespace LossGen.CrossEncoders;

/// <summary>One document of <see cref="CrossEncoder.Rank"/>'s result, as sentence-transformers returns it.</summary>
/// <param name="CorpusId">The document's index in the list given.</param>
/// <param name="Score">Its score, after the model's activation.</param>
/// <param name="Text">The document, when asked for (<c>return_documents</c>).</param>
public sealed record RankedDocument(int CorpusId, float Score, string? Text = null);
