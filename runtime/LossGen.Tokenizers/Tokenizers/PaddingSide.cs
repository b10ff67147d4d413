namespace LossGen.Tokenizers;

/// <summary>Where a batch is padded to its longest text: transformers' <c>padding_side</c> in <c>tokenizer_config.json</c>.</summary>
public enum PaddingSide
{
    /// <summary>After the text (<c>right</c>, the default; encoders).</summary>
    Right,

    /// <summary>Before the text (<c>left</c>; decoders pooled at their last token, such as Qwen3-Embedding).</summary>
    Left,
}
