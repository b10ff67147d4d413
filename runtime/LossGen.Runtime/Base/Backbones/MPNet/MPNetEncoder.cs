using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.Backbones.MPNet;

/// <summary>
/// The MPNet layer stack and the relative attention bias its layers share (<c>encoder.layer.{i}.*</c>,
/// <c>encoder.relative_attention_bias</c>).
/// </summary>
public sealed class MPNetEncoder : nn.Module<Tensor, Tensor, Tensor>
{
    // transformers' MPNetEncoder.relative_position_bucket default.
    private const int MaxDistance = 128;

#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly ModuleList<MPNetLayer> layer;
    private readonly Embedding relative_attention_bias;
#pragma warning restore IDE1006
    private readonly int _buckets;

    /// <summary>Creates the layers of <paramref name="config"/>.</summary>
    public MPNetEncoder(MPNetConfig config)
        : base(nameof(MPNetEncoder))
    {
        layer = new ModuleList<MPNetLayer>();
        for (int i = 0; i < config.NumHiddenLayers; i++)
        {
            layer.Add(new MPNetLayer(config));
        }

        relative_attention_bias = nn.Embedding(config.RelativeAttentionNumBuckets, config.NumAttentionHeads);
        _buckets = config.RelativeAttentionNumBuckets;
        RegisterComponents();
    }

    /// <summary>The number of layers.</summary>
    public int LayerCount => layer.Count;

    /// <inheritdoc />
    public override Tensor forward(Tensor hidden, Tensor attentionMask) => Forward(hidden, attentionMask, layer.Count, null);

    /// <summary>
    /// Runs the first <paramref name="layers"/> layers over <paramref name="hidden"/> (B×T×H) with the 0/1
    /// <paramref name="attentionMask"/> (B×T); collects each layer's output when <paramref name="states"/> is given.
    /// </summary>
    public Tensor Forward(Tensor hidden, Tensor attentionMask, int layers, List<Tensor>? states)
    {
        Tensor bias;
        using (var scope = NewDisposeScope())
        {
            // Scores get the bias of their relative position plus transformers' additive mask, (1 − mask)·finfo.min.
            long length = attentionMask.shape[1];
            Tensor position = RelativePositionBuckets(length, _buckets, hidden.device);
            Tensor positionBias = relative_attention_bias.call(position).permute(2, 0, 1).unsqueeze(0);
            Tensor padding = attentionMask.to(hidden.dtype).neg().add(1.0).mul(float.MinValue).view(attentionMask.shape[0], 1, 1, length);
            bias = positionBias.add(padding).MoveToOuterDisposeScope();
        }

        using (bias)
        {
            return MultiHeadAttention.RunLayers(layer, hidden, bias, layers, states);
        }
    }

    /// <summary>
    /// transformers' MPNet <c>relative_position_bucket</c> for every (query, key) pair of <paramref name="length"/>
    /// positions (T×T, int64), in the same float32 operations so that bucket edges agree; the ONNX export stores it.
    /// </summary>
    internal static Tensor RelativePositionBuckets(long length, int buckets, Device device)
    {
        using var scope = NewDisposeScope();
        Tensor context = arange(length, dtype: ScalarType.Int64, device: device).unsqueeze(1);
        Tensor memory = arange(length, dtype: ScalarType.Int64, device: device).unsqueeze(0);
        Tensor n = context.sub(memory);
        int half = buckets / 2;
        Tensor result = n.lt(0).to(ScalarType.Int64).mul(half);
        n = n.abs();
        int maxExact = half / 2;
        Tensor isSmall = n.lt(maxExact);
        Tensor large = n.to(ScalarType.Float32).div(maxExact).log().div(System.Math.Log((double)MaxDistance / maxExact)).mul(half - maxExact).to(ScalarType.Int64).add(maxExact);
        large = large.clamp_max(half - 1);
        return result.add(where(isSmall, n, large)).MoveToOuterDisposeScope();
    }
}
