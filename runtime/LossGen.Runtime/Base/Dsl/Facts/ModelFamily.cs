namespace LossGen;

/// <summary>The sentence-transformers model family a loss trains: what it asks of the model and what it computes from.</summary>
#if LOSSGEN_RUNTIME
public
#else
internal
#endif
enum ModelFamily
{
    /// <summary>Bi-encoders: the loss embeds each text column and computes from the embeddings (<c>SentenceLoss</c>).</summary>
    SentenceTransformer,

    /// <summary>Cross-encoders (rerankers): the loss scores (query, document) pairs and computes from the logits (<c>CrossEncoderLoss</c>).</summary>
    CrossEncoder,
}
