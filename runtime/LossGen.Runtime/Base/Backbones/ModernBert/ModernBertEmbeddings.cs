using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Backbones.ModernBert;

/// <summary>ModernBERT's embeddings (<c>embeddings.*</c>): token embeddings, LayerNorm, dropout; positions come from RoPE.</summary>
public sealed class ModernBertEmbeddings : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly Embedding tok_embeddings;
    private readonly ModernBertLayerNorm norm;
    private readonly TokenDropout drop;
#pragma warning restore IDE1006

    /// <summary>Creates the embeddings of <paramref name="config"/>.</summary>
    public ModernBertEmbeddings(ModernBertConfig config)
        : base(nameof(ModernBertEmbeddings))
    {
        tok_embeddings = nn.Embedding(config.VocabSize, config.HiddenSize);
        norm = new ModernBertLayerNorm(config.HiddenSize, config.NormEps, config.NormBias);
        drop = new TokenDropout(config.EmbeddingDropout);
        RegisterComponents();
    }

    /// <summary>The embeddings of <paramref name="inputIds"/> (B×T, or the packed real tokens N).</summary>
    public override Tensor forward(Tensor inputIds)
    {
        using var scope = NewDisposeScope();
        return drop.call(norm.call(tok_embeddings.call(inputIds))).MoveToOuterDisposeScope();
    }
}
