using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers;

/// <summary>
/// A trained <see cref="SentenceTransformer"/> as an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of
/// Microsoft.Extensions.AI, so it drops into the .NET AI stack (vector stores, RAG pipelines).
/// </summary>
public sealed class SentenceTransformerEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly SentenceTransformer _model;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private readonly object _gate = new();

    /// <summary>Wraps <paramref name="model"/>; the caller keeps ownership of it.</summary>
    public SentenceTransformerEmbeddingGenerator(SentenceTransformer model, string modelId = "lossgen-sentence-transformer", int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _model = model;
        BatchSize = batchSize;
        _metadata = new EmbeddingGeneratorMetadata("LossGen", defaultModelId: modelId, defaultModelDimensions: model.EmbeddingDimension);
    }

    /// <summary>Texts embedded per forward pass.</summary>
    public int BatchSize { get; }

    /// <inheritdoc />
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        string[] texts = values.ToArray();
        cancellationToken.ThrowIfCancellationRequested();
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(texts.Length);
        if (texts.Length == 0)
        {
            return Task.FromResult(embeddings);
        }

        // TorchSharp's dispose scopes are per thread and a module is not re-entrant: one generation at a time.
        lock (_gate)
        {
            using var scope = NewDisposeScope();
            Tensor matrix = _model.Embed(texts, BatchSize);
            long width = matrix.shape[1];
            float[] flat = matrix.data<float>().ToArray();
            for (int i = 0; i < texts.Length; i++)
            {
                embeddings.Add(new Embedding<float>(flat.AsMemory((int)(i * width), (int)width)) { ModelId = _metadata.DefaultModelId, CreatedAt = DateTimeOffset.UtcNow });
            }
        }

        return Task.FromResult(embeddings);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : serviceType.IsInstanceOfType(_model) ? _model
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
