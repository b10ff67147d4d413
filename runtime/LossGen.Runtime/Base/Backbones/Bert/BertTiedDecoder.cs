using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace LossGen.Backbones.Bert;

/// <summary>
/// A causal-LM decoder tied to a BERT encoder, as TSDAE builds it with <c>tie_encoder_decoder=True</c>: the embeddings,
/// self-attention and feed-forward weights are the encoder's own (shared, not copied); each layer adds its own
/// cross-attention over the encoder's sentence embedding, and an LM head whose output matrix is the word embeddings.
/// </summary>
public sealed class BertTiedDecoder : nn.Module<Tensor, Tensor, Tensor>
{
    // A delegate, not a field of module type: TorchSharp registers module-typed fields as submodules, and the shared
    // encoder's parameters belong to the model, not to the decoder.
    private readonly Func<BertModel> _encoder;
#pragma warning disable IDE1006 // Hugging Face parameter names of the decoder's own modules.
    private readonly ModuleList<BertAttention> crossattention;
    private readonly Linear transform;
    private readonly LayerNorm transform_LayerNorm;
    private readonly Parameter bias;
#pragma warning restore IDE1006

    /// <summary>Creates the decoder over <paramref name="encoder"/>'s shared weights.</summary>
    public BertTiedDecoder(BertModel encoder)
        : base(nameof(BertTiedDecoder))
    {
        ArgumentNullException.ThrowIfNull(encoder);
        _encoder = () => encoder;
        BertConfig config = encoder.Config;
        crossattention = new ModuleList<BertAttention>();
        for (int i = 0; i < config.NumHiddenLayers; i++)
        {
            crossattention.Add(new BertAttention(config));
        }

        transform = nn.Linear(config.HiddenSize, config.HiddenSize);
        transform_LayerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        bias = new Parameter(zeros(config.VocabSize));

        RegisterComponents();
    }

    /// <summary>
    /// Next-token logits (B×T×V) for <paramref name="inputIds"/> (B×T), attending over <paramref name="memory"/> (B×S×H),
    /// the encoder's sentence embedding as the only memory slot in TSDAE.
    /// </summary>
    public override Tensor forward(Tensor inputIds, Tensor memory)
    {
        ArgumentNullException.ThrowIfNull(inputIds);
        ArgumentNullException.ThrowIfNull(memory);
        using var scope = NewDisposeScope();
        BertModel encoder = _encoder();
        Tensor hidden = encoder.Embeddings.call(inputIds, zeros_like(inputIds));
        for (int i = 0; i < crossattention.Count; i++)
        {
            hidden = encoder.Encoder[i].ForwardDecoder(hidden, crossattention[i], memory, null);
        }

        Tensor transformed = transform_LayerNorm.call(F.gelu(transform.call(hidden)));
        return F.linear(transformed, encoder.Embeddings.WordEmbeddings.weight!, bias).MoveToOuterDisposeScope();
    }
}
