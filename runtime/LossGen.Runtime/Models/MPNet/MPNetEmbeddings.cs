using LossGen.Models.Transformers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Models.MPNet;

/// <summary>Word and position embeddings, positions counted from the padding id + 1 (<c>embeddings.*</c>); no token types.</summary>
public sealed class MPNetEmbeddings : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006, SA1300 // Hugging Face parameter names.
    private readonly Embedding word_embeddings;
    private readonly Embedding position_embeddings;
    private readonly LayerNorm LayerNorm;
    private readonly Dropout dropout;
#pragma warning restore IDE1006, SA1300

    /// <summary>Creates the embeddings of <paramref name="config"/>.</summary>
    public MPNetEmbeddings(MPNetConfig config)
        : base(nameof(MPNetEmbeddings))
    {
        word_embeddings = nn.Embedding(config.VocabSize, config.HiddenSize);
        position_embeddings = nn.Embedding(config.MaxPositionEmbeddings, config.HiddenSize);
        LayerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        dropout = nn.Dropout(config.HiddenDropoutProb);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor inputIds) => Embed(inputIds, null);

    /// <summary>Embeds <paramref name="inputIds"/> (B×T), as B×T×H, or only the real tokens (N×H) when <paramref name="layout"/> is given.</summary>
    public Tensor Embed(Tensor inputIds, TokenLayout? layout)
    {
        using var scope = NewDisposeScope();
        Tensor positions = PositionIds.FromPadding(inputIds, MPNetModel.PaddingIdx);
        Tensor ids = inputIds;
        if (layout is not null)
        {
            (ids, positions) = (layout.Pack(inputIds), layout.Pack(positions));
        }

        Tensor sum = word_embeddings.call(ids).add_(position_embeddings.call(positions));
        return dropout.call(LayerNorm.call(sum)).MoveToOuterDisposeScope();
    }
}
