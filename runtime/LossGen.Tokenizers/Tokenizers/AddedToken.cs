namespace LossGen.Tokenizers;

/// <summary>
/// A token matched in the raw text before tokenization (transformers' added and special tokens, such as
/// <c>[SEP]</c> or <c>&lt;mask&gt;</c>): it becomes its id whatever the tokenizer would make of its characters.
/// </summary>
/// <param name="Content">The token's text.</param>
/// <param name="Id">Its id.</param>
/// <param name="LeftStrip">Whitespace before it is dropped (<c>lstrip</c>).</param>
/// <param name="RightStrip">Whitespace after it is dropped (<c>rstrip</c>).</param>
public sealed record AddedToken(string Content, int Id, bool LeftStrip = false, bool RightStrip = false);
