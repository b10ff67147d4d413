using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Tokenizers;
using static TorchSharp.torch;

namespace LossGen.Backbones;

/// <summary>Tokenizer output as TorchSharp tensors (the tokenizers themselves need no TorchSharp).</summary>
public static class TokenizerTensors
{
    /// <summary>A padded batch of <paramref name="texts"/>: input ids and attention mask (B×T, int64) on <paramref name="device"/>.</summary>
    public static (Tensor InputIds, Tensor AttentionMask) EncodeBatch(this TextTokenizer tokenizer, IReadOnlyList<string> texts, int maxSequenceLength, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(texts);
        return tokenizer.Pad(texts.Select(t => tokenizer.Encode(t, maxSequenceLength)).ToArray(), device);
    }

    /// <summary>Pads encoded sequences into input ids and an attention mask (B×T, int64) on <paramref name="device"/>.</summary>
    public static (Tensor InputIds, Tensor AttentionMask) Pad(this TextTokenizer tokenizer, IReadOnlyList<int[]> encoded, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        (long[] ids, long[] mask, int length) = tokenizer.PadToLongest(encoded);
        return (tensor(ids, dtype: ScalarType.Int64, device: device).reshape(encoded.Count, length), tensor(mask, dtype: ScalarType.Int64, device: device).reshape(encoded.Count, length));
    }
}
