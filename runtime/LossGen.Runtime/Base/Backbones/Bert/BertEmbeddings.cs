using LossGen.Backbones;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Backbones.Bert;

/// <summary>Word, position and token-type embeddings, summed, normalised and dropped out (<c>embeddings.*</c>).</summary>
public sealed class BertEmbeddings : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are the Hugging Face parameter names, so state dicts line up.
    private readonly Embedding word_embeddings;
    private readonly Embedding position_embeddings;
    private readonly Embedding token_type_embeddings;
    private readonly LayerNorm LayerNorm;
    private readonly TokenDropout dropout;
#pragma warning restore IDE1006
    private readonly BertConfig _config;

    /// <summary>Creates the embeddings of <paramref name="config"/>.</summary>
    public BertEmbeddings(BertConfig config)
        : base(nameof(BertEmbeddings))
    {
        _config = config;
        word_embeddings = nn.Embedding(config.VocabSize, config.HiddenSize);
        position_embeddings = nn.Embedding(config.MaxPositionEmbeddings, config.HiddenSize);
        token_type_embeddings = nn.Embedding(config.TypeVocabSize, config.HiddenSize);
        LayerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        dropout = new TokenDropout(config.HiddenDropoutProb);
        RegisterComponents();
    }

    /// <summary>The word embedding matrix (shared with a tied decoder).</summary>
    public Embedding WordEmbeddings => word_embeddings;

    /// <summary>
    /// Embeds <paramref name="inputIds"/> (B×T) with their token types, as B×T×H, or only the real tokens (N×H) in a
    /// packed forward.
    /// </summary>
    public override Tensor forward(Tensor inputIds, Tensor tokenTypeIds)
    {
        using var scope = NewDisposeScope();
        Tensor positions = _config.PositionsFromPadding ? PositionIds.FromPadding(inputIds, _config.PadTokenId) : PositionIds.Absolute(inputIds).expand_as(inputIds);
        Tensor ids = inputIds, types = tokenTypeIds;
        if (EncoderExecution.Current.Layout is { } layout)
        {
            (ids, positions, types) = (layout.Pack(inputIds), layout.Pack(positions), layout.Pack(tokenTypeIds));
        }

        Tensor sum = word_embeddings.call(ids).add_(position_embeddings.call(positions)).add_(token_type_embeddings.call(types));
        return dropout.call(LayerNorm.call(sum)).MoveToOuterDisposeScope();
    }
}
