using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace LossGen.Tokenizers;

/// <summary>
/// transformers' slow BertTokenizer (and DistilBertTokenizer, MPNetTokenizer), reimplemented to give the same ids:
/// cleaning, spaces around CJK ideographs, NFC, optional lower-casing and accent stripping, punctuation splitting and
/// greedy longest-match WordPiece. Written by hand because Microsoft.ML.Tokenizers' BertTokenizer drops backquotes,
/// which changes ids on real data (TREC).
/// </summary>
public sealed class WordPieceTokenizer : TextTokenizer
{
    private const int MaxCharactersPerWord = 100;
    private readonly Dictionary<string, int> _ids;
    private readonly HashSet<string> _neverSplit;

    private WordPieceTokenizer(string[] vocabulary, WordPieceOptions options, IEnumerable<AddedToken> added, IReadOnlyDictionary<string, byte[]>? files)
        : base(added, files ?? DefaultFiles(vocabulary, options))
    {
        Vocabulary = vocabulary;
        Options = options;
        _ids = IdsOf(vocabulary);

        StartId = Require(options.ClsToken, "cls_token");
        EndId = Require(options.SepToken, "sep_token");
        PadId = Require(options.PadToken, "pad_token");
        UnknownId = Require(options.UnkToken, "unk_token");
        _neverSplit = new HashSet<string>([options.ClsToken, options.SepToken, options.PadToken, options.UnkToken, options.MaskToken], StringComparer.Ordinal);
    }

    /// <summary>The vocabulary, one token per id.</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <summary>The settings.</summary>
    public WordPieceOptions Options { get; }

    /// <inheritdoc />
    public override string TokenizerClass => Options.TokenizerClass;

    /// <inheritdoc />
    public override SequenceTemplate Template => Options.TokenizerClass == "MPNetTokenizer" ? SequenceTemplate.Roberta(StartId, EndId) : SequenceTemplate.Bert(StartId, EndId);

    /// <summary>The id of the token that starts every sequence ([CLS], or &lt;s&gt; for MPNet).</summary>
    public int StartId { get; }

    /// <summary>The id of the token that ends every sequence ([SEP], or &lt;/s&gt; for MPNet).</summary>
    public int EndId { get; }

    /// <inheritdoc />
    public override int PadId { get; }

    /// <summary>The id of the unknown token.</summary>
    public int UnknownId { get; }

    /// <inheritdoc />
    public override int VocabularySize => Vocabulary.Count;

    /// <summary>Creates an uncased BERT tokenizer from a <c>vocab.txt</c> (one token per line; CRLF line ends are accepted).</summary>
    public static WordPieceTokenizer FromVocabulary(string vocabularyText) => FromVocabulary(vocabularyText, new WordPieceOptions());

    /// <summary>Creates the tokenizer from a <c>vocab.txt</c> and its settings; the special tokens are matched in texts.</summary>
    /// <exception cref="ArgumentException">The vocabulary lacks a special token.</exception>
    public static WordPieceTokenizer FromVocabulary(string vocabularyText, WordPieceOptions options, IEnumerable<AddedToken>? addedTokens = null, IReadOnlyDictionary<string, byte[]>? files = null)
    {
        ArgumentNullException.ThrowIfNull(vocabularyText);
        ArgumentNullException.ThrowIfNull(options);
        string[] tokens = vocabularyText.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        string[] vocabulary = tokens.Length > 0 && tokens[^1].Length == 0 ? tokens[..^1] : tokens;
        IEnumerable<AddedToken> added = addedTokens ?? SpecialTokensOf(vocabulary, options);
        return new WordPieceTokenizer(vocabulary, options, added, files);
    }

    /// <summary>The WordPiece tokens of <paramref name="text"/>, without special tokens.</summary>
    public IEnumerable<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        IEnumerable<string> words = Options.DoBasicTokenize ? BasicTokens(text) : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        foreach (string word in words)
        {
            foreach (string piece in WordPieces(word))
            {
                yield return piece;
            }
        }
    }

    /// <inheritdoc />
    protected override IEnumerable<int> EncodePieces(string text) => Tokenize(text).Select(p => _ids.TryGetValue(p, out int id) ? id : UnknownId);

    // BasicTokenizer: clean, isolate CJK ideographs, NFC, split on whitespace, lower-case and strip accents as configured, split punctuation.
    private IEnumerable<string> BasicTokens(string text)
    {
        var cleaned = new StringBuilder(text.Length);
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (rune.Value == 0 || rune.Value == 0xFFFD || IsControl(rune))
            {
                continue;
            }

            if (IsWhitespace(rune))
            {
                cleaned.Append(' ');
            }
            else if (Options.TokenizeChineseChars && IsCjk(rune.Value))
            {
                cleaned.Append(' ').Append(rune.ToString()).Append(' ');
            }
            else
            {
                cleaned.Append(rune.ToString());
            }
        }

        bool strip = Options.StripAccents ?? Options.DoLowerCase;
        foreach (string word in cleaned.ToString().Normalize(NormalizationForm.FormC).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (_neverSplit.Contains(word))
            {
                yield return word;
                continue;
            }

            string cased = Options.DoLowerCase ? PythonText.Lower(word) : word;
            string stripped = strip ? StripAccents(cased) : cased;
            var current = new StringBuilder();
            foreach (Rune rune in stripped.EnumerateRunes())
            {
                if (IsPunctuation(rune))
                {
                    if (current.Length > 0)
                    {
                        yield return current.ToString();
                        current.Clear();
                    }

                    yield return rune.ToString();
                }
                else
                {
                    current.Append(rune.ToString());
                }
            }

            if (current.Length > 0)
            {
                yield return current.ToString();
            }
        }
    }

    // Greedy longest-match-first; a word with an unmatched piece, or over 100 characters, is one unknown token.
    private IEnumerable<string> WordPieces(string word)
    {
        string[] characters = word.EnumerateRunes().Select(r => r.ToString()).ToArray();
        if (characters.Length > MaxCharactersPerWord)
        {
            return [Options.UnkToken];
        }

        var pieces = new List<string>();
        for (int start = 0; start < characters.Length;)
        {
            string? match = null;
            int end = characters.Length;
            for (; end > start; end--)
            {
                string candidate = (start > 0 ? "##" : string.Empty) + string.Concat(characters[start..end]);
                if (_ids.ContainsKey(candidate))
                {
                    match = candidate;
                    break;
                }
            }

            if (match is null)
            {
                return [Options.UnkToken];
            }

            pieces.Add(match);
            start = end;
        }

        return pieces;
    }

    // A token listed on several lines takes the id of its last line, as transformers' load_vocab (vocab[token] = index)
    // and the fast tokenizer converted from it give it.
    private static Dictionary<string, int> IdsOf(string[] vocabulary)
    {
        var ids = new Dictionary<string, int>(vocabulary.Length, StringComparer.Ordinal);
        for (int i = 0; i < vocabulary.Length; i++)
        {
            ids[vocabulary[i]] = i;
        }

        return ids;
    }

    private static IEnumerable<AddedToken> SpecialTokensOf(string[] vocabulary, WordPieceOptions options)
    {
        Dictionary<string, int> index = IdsOf(vocabulary);

        foreach (string token in new[] { options.ClsToken, options.SepToken, options.PadToken, options.UnkToken, options.MaskToken }.Distinct())
        {
            if (index.TryGetValue(token, out int id))
            {
                yield return new AddedToken(token, id);
            }
        }
    }

    private static Dictionary<string, byte[]> DefaultFiles(string[] vocabulary, WordPieceOptions options)
    {
        var specials = new JsonObject
        {
            ["cls_token"] = options.ClsToken, ["sep_token"] = options.SepToken, ["pad_token"] = options.PadToken,
            ["unk_token"] = options.UnkToken, ["mask_token"] = options.MaskToken,
        };
        JsonObject config = specials.DeepClone().AsObject();
        config["tokenizer_class"] = options.TokenizerClass;
        config["do_lower_case"] = options.DoLowerCase;
        config["do_basic_tokenize"] = options.DoBasicTokenize;
        config["tokenize_chinese_chars"] = options.TokenizeChineseChars;
        config["strip_accents"] = options.StripAccents;
        var indented = new System.Text.Json.JsonSerializerOptions { WriteIndented = true };
        return new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["vocab.txt"] = Encoding.UTF8.GetBytes(string.Join('\n', vocabulary) + "\n"),
            ["tokenizer_config.json"] = Encoding.UTF8.GetBytes(config.ToJsonString(indented)),
            ["special_tokens_map.json"] = Encoding.UTF8.GetBytes(specials.ToJsonString(indented)),
        };
    }

    private static string StripAccents(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (Rune rune in text.Normalize(NormalizationForm.FormD).EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    private static bool IsWhitespace(Rune rune) => rune.Value is ' ' or '\t' or '\n' or '\r' || Rune.GetUnicodeCategory(rune) == UnicodeCategory.SpaceSeparator;

    // Hugging Face treats every "C*" category as control, except the whitespace characters.
    private static bool IsControl(Rune rune) => rune.Value is not ('\t' or '\n' or '\r') && Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control
        or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;

    private static bool IsPunctuation(Rune rune)
    {
        int c = rune.Value;
        if (c is (>= 33 and <= 47) or (>= 58 and <= 64) or (>= 91 and <= 96) or (>= 123 and <= 126))
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }

    private static bool IsCjk(int c) => c is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF)
        or (>= 0x2A700 and <= 0x2B73F) or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B820 and <= 0x2CEAF) or (>= 0xF900 and <= 0xFAFF)
        or (>= 0x2F800 and <= 0x2FA1F);

    private int Require(string token, string field) => _ids.TryGetValue(token, out int id)
        ? id
        : throw new ArgumentException($"the vocabulary has no {field} '{token}'.");
}
