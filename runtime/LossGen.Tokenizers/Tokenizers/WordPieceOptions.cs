namespace LossGen.Tokenizers;

/// <summary>
/// The settings of transformers' BertTokenizer (also DistilBertTokenizer and MPNetTokenizer), as its
/// <c>tokenizer_config.json</c> names them. The defaults are bert-base-uncased's.
/// </summary>
public sealed record WordPieceOptions
{
    /// <summary>Lower-case the text (<c>do_lower_case</c>).</summary>
    public bool DoLowerCase { get; init; } = true;

    /// <summary>Strip accents (<c>strip_accents</c>); <c>null</c> strips them exactly when lower-casing.</summary>
    public bool? StripAccents { get; init; }

    /// <summary>Put every CJK ideograph in a word of its own (<c>tokenize_chinese_chars</c>).</summary>
    public bool TokenizeChineseChars { get; init; } = true;

    /// <summary>Clean, split on whitespace and punctuation before WordPiece (<c>do_basic_tokenize</c>).</summary>
    public bool DoBasicTokenize { get; init; } = true;

    /// <summary>The token that starts a sequence (<c>cls_token</c>).</summary>
    public string ClsToken { get; init; } = "[CLS]";

    /// <summary>The token that ends a sequence (<c>sep_token</c>).</summary>
    public string SepToken { get; init; } = "[SEP]";

    /// <summary>The padding token (<c>pad_token</c>).</summary>
    public string PadToken { get; init; } = "[PAD]";

    /// <summary>The token of a word WordPiece cannot split (<c>unk_token</c>).</summary>
    public string UnkToken { get; init; } = "[UNK]";

    /// <summary>The mask token (<c>mask_token</c>).</summary>
    public string MaskToken { get; init; } = "[MASK]";

    /// <summary>The <c>tokenizer_class</c> (BertTokenizer, DistilBertTokenizer or MPNetTokenizer).</summary>
    public string TokenizerClass { get; init; } = "BertTokenizer";
}
