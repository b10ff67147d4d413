namespace LossGen.Tokenizers;

/// <summary>The texts of the special tokens a tokenizer frames and pads sequences with.</summary>
/// <param name="Start">The first token (<c>cls_token</c>).</param>
/// <param name="End">The last token (<c>sep_token</c>).</param>
/// <param name="Pad">The padding token (<c>pad_token</c>).</param>
/// <param name="Unknown">The unknown token (<c>unk_token</c>).</param>
/// <param name="Mask">The mask token (<c>mask_token</c>).</param>
public sealed record SpecialTokenNames(string Start, string End, string Pad, string Unknown, string Mask);
