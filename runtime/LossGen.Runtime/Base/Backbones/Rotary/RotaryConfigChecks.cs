using System;
using System.Text.Json;

namespace LossGen.Backbones.Rotary;

/// <summary>The configuration checks the rotary architectures share, each refusing a field by name.</summary>
public static class RotaryConfigChecks
{
    /// <summary>Heads must divide into groups and have an even width (RoPE rotates pairs).</summary>
    public static void Heads(int hidden, int heads, int kvHeads, int headDim)
    {
        if (hidden <= 0 || heads <= 0 || kvHeads <= 0 || heads % kvHeads != 0)
        {
            throw new ArgumentException($"num_attention_heads {heads} must be a positive multiple of num_key_value_heads {kvHeads}, and hidden_size {hidden} positive.");
        }

        if (headDim <= 0 || headDim % 2 != 0)
        {
            throw new ArgumentException($"head_dim {headDim} must be positive and even (RoPE rotates pairs of channels).");
        }
    }

    /// <summary>Every named size must be positive.</summary>
    public static void Positive(params (string Field, int Value)[] sizes)
    {
        foreach ((string field, int value) in sizes)
        {
            if (value <= 0)
            {
                throw new ArgumentException($"{field} is {value}; it must be positive.");
            }
        }
    }

    /// <summary>RoPE scaling (YaRN, linear, dynamic…) is refused: LossGen computes the default RoPE.</summary>
    public static void DefaultRope(JsonElement? scaling)
    {
        if (scaling is { ValueKind: not JsonValueKind.Null } value)
        {
            throw new ArgumentException($"rope_scaling is {value.GetRawText()}; LossGen computes the default RoPE only.");
        }
    }

    /// <summary>The activation must be one LossGen computes.</summary>
    public static void Activation(string field, string name)
    {
        if (!Backbones.Activation.IsKnown(name))
        {
            throw new ArgumentException(Backbones.Activation.Unknown(field, name));
        }
    }
}
