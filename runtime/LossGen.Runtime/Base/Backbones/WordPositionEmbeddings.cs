using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Backbones;

/// <summary>
/// Word and position embeddings, summed, normalised and dropped out, with no token types (<c>embeddings.*</c> of
/// DistilBERT and MPNet, which differ only in how they number positions).
/// </summary>
public sealed class WordPositionEmbeddings : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly Embedding word_embeddings;
    private readonly Embedding position_embeddings;
    private readonly LayerNorm LayerNorm;
    private readonly TokenDropout dropout;
#pragma warning restore IDE1006
    private readonly Func<Tensor, Tensor> _positions;

    /// <summary>Creates the embeddings; <paramref name="positions"/> maps B×T input ids to their B×T position ids.</summary>
    public WordPositionEmbeddings(int vocabSize, int hiddenSize, int maxPositions, double layerNormEps, double dropoutProbability, Func<Tensor, Tensor> positions)
        : base(nameof(WordPositionEmbeddings))
    {
        ArgumentNullException.ThrowIfNull(positions);
        word_embeddings = nn.Embedding(vocabSize, hiddenSize);
        position_embeddings = nn.Embedding(maxPositions, hiddenSize);
        LayerNorm = nn.LayerNorm(hiddenSize, layerNormEps);
        dropout = new TokenDropout(dropoutProbability);
        _positions = positions;
        RegisterComponents();
    }

    /// <summary>Embeds <paramref name="inputIds"/> (B×T), as B×T×H, or only the real tokens (N×H) in a packed forward.</summary>
    public override Tensor forward(Tensor inputIds)
    {
        using var scope = NewDisposeScope();
        Tensor positions = _positions(inputIds).expand_as(inputIds);
        Tensor ids = inputIds;
        if (EncoderExecution.Current.Layout is { } layout)
        {
            (ids, positions) = (layout.Pack(inputIds), layout.Pack(positions));
        }

        Tensor sum = word_embeddings.call(ids).add_(position_embeddings.call(positions));
        return dropout.call(LayerNorm.call(sum)).MoveToOuterDisposeScope();
    }
}
