using LossGen.Backbones;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.Backbones.Bert;

/// <summary>Self-attention followed by its residual output (<c>attention.*</c>).</summary>
public sealed class BertAttention : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face parameter names ("self" is a C# keyword only as an identifier prefix).
    private readonly BertSelfAttention self;
    private readonly BertResidualOutput output;
#pragma warning restore IDE1006

    /// <summary>Creates the attention block of <paramref name="config"/>.</summary>
    public BertAttention(BertConfig config)
        : base(nameof(BertAttention))
    {
        self = new BertSelfAttention(config);
        output = new BertResidualOutput(config.HiddenSize, config.HiddenSize, config.LayerNormEps, config.HiddenDropoutProb);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor hidden, Tensor keep) => Attend(hidden, hidden, keep, causal: false);

    /// <summary>Attention of <paramref name="hidden"/> over <paramref name="memory"/>, then the residual output.</summary>
    public Tensor Attend(Tensor hidden, Tensor memory, Tensor? keep, bool causal)
    {
        using var scope = NewDisposeScope();
        return output.call(self.Attend(hidden, memory, keep, causal), hidden).MoveToOuterDisposeScope();
    }
}
