using System;
using System.Collections.Generic;
using System.Linq;

namespace LossGen.Tokenizers;

/// <summary>
/// The special tokens a tokenizer puts around one text or a pair, with the token type of each part: the
/// <c>tokenizers</c> post-processor (<c>TemplateProcessing</c>, <c>BertProcessing</c>, <c>RobertaProcessing</c>), e.g.
/// <c>[CLS] $A [SEP]</c> / <c>[CLS] $A [SEP] $B:1 [SEP]:1</c>, <c>&lt;s&gt; $A &lt;/s&gt;</c>, or Qwen3's <c>$A &lt;|endoftext|&gt;</c>.
/// </summary>
public sealed class SequenceTemplate
{
    private readonly TemplatePiece[] _single;
    private readonly TemplatePiece[] _pair;

    /// <summary>Creates the template from its single-text and pair pieces.</summary>
    /// <exception cref="ArgumentException">The single template lacks <c>$A</c>, or the pair template lacks <c>$A</c> or <c>$B</c>.</exception>
    public SequenceTemplate(IEnumerable<TemplatePiece> single, IEnumerable<TemplatePiece> pair)
    {
        ArgumentNullException.ThrowIfNull(single);
        ArgumentNullException.ThrowIfNull(pair);
        _single = [.. single];
        _pair = [.. pair];
        if (_single.Count(p => p.Sequence == 'A') != 1 || _single.Any(p => p.Sequence == 'B'))
        {
            throw new ArgumentException("The single-text template must hold $A once and no $B.", nameof(single));
        }

        if (_pair.Count(p => p.Sequence == 'A') != 1 || _pair.Count(p => p.Sequence == 'B') != 1)
        {
            throw new ArgumentException("The pair template must hold $A and $B once each.", nameof(pair));
        }
    }

    /// <summary>BERT's <c>[CLS] $A [SEP]</c> and <c>[CLS] $A [SEP] $B:1 [SEP]:1</c>.</summary>
    public static SequenceTemplate Bert(int cls, int sep) => new(
        [TemplatePiece.Special(cls), TemplatePiece.Text('A'), TemplatePiece.Special(sep)],
        [TemplatePiece.Special(cls), TemplatePiece.Text('A'), TemplatePiece.Special(sep), TemplatePiece.Text('B', 1), TemplatePiece.Special(sep, 1)]);

    /// <summary>RoBERTa's <c>&lt;s&gt; $A &lt;/s&gt;</c> and <c>&lt;s&gt; $A &lt;/s&gt; &lt;/s&gt; $B &lt;/s&gt;</c>, type 0 throughout.</summary>
    public static SequenceTemplate Roberta(int cls, int sep) => new(
        [TemplatePiece.Special(cls), TemplatePiece.Text('A'), TemplatePiece.Special(sep)],
        [TemplatePiece.Special(cls), TemplatePiece.Text('A'), TemplatePiece.Special(sep), TemplatePiece.Special(sep), TemplatePiece.Text('B'), TemplatePiece.Special(sep)]);

    /// <summary>How many special ids the template adds to one text (<paramref name="pair"/> false) or a pair.</summary>
    public int SpecialCount(bool pair) => (pair ? _pair : _single).Sum(p => p.Ids.Length);

    /// <summary>The ids and token types of one text's pieces framed by the template.</summary>
    public (int[] Ids, int[] TypeIds) Apply(ReadOnlySpan<int> a) => Apply(_single, a, []);

    /// <summary>The ids and token types of a pair's pieces framed by the template.</summary>
    public (int[] Ids, int[] TypeIds) Apply(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => Apply(_pair, a, b);

    /// <summary>Whether <paramref name="other"/> frames every text and pair with the same ids and token types.</summary>
    public bool SameAs(SequenceTemplate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Probe(this) == Probe(other);

        static string Probe(SequenceTemplate template) =>
            template.Apply([-1]) is var (a, ta) && template.Apply([-1], [-2]) is var (p, tp)
                ? $"{string.Join(' ', a)}|{string.Join(' ', ta)}|{string.Join(' ', p)}|{string.Join(' ', tp)}"
                : string.Empty;
    }

    /// <summary>The template with ids, e.g. <c>2:0 $A:0 3:0 / 2:0 $A:0 3:0 $B:1 3:1</c>.</summary>
    public override string ToString() => $"{Describe(_single)} / {Describe(_pair)}";

    private static string Describe(TemplatePiece[] pieces) =>
        string.Join(' ', pieces.Select(p => p.Sequence == '\0' ? $"{string.Join(',', p.Ids)}:{p.TypeId}" : $"${p.Sequence}:{p.TypeId}"));

    private static (int[] Ids, int[] TypeIds) Apply(TemplatePiece[] pieces, ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var ids = new List<int>(a.Length + b.Length + 4);
        var types = new List<int>(ids.Capacity);
        foreach (TemplatePiece piece in pieces)
        {
            ReadOnlySpan<int> part = piece.Sequence switch { 'A' => a, 'B' => b, _ => piece.Ids };
            foreach (int id in part)
            {
                ids.Add(id);
                types.Add(piece.TypeId);
            }
        }

        return ([.. ids], [.. types]);
    }
}

/// <summary>One part of a <see cref="SequenceTemplate"/>: special ids, or the text <c>$A</c> / <c>$B</c>, with its token type.</summary>
/// <param name="Ids">The special ids (empty for a text).</param>
/// <param name="Sequence"><c>'A'</c> or <c>'B'</c> for a text, <c>'\0'</c> for special ids.</param>
/// <param name="TypeId">The token type of every id of the part.</param>
public readonly record struct TemplatePiece(int[] Ids, char Sequence, int TypeId)
{
    /// <summary>A special token.</summary>
    public static TemplatePiece Special(int id, int typeId = 0) => new([id], '\0', typeId);

    /// <summary>Special ids (one token may stand for several ids).</summary>
    public static TemplatePiece Special(int[] ids, int typeId) => new(ids, '\0', typeId);

    /// <summary>The text <c>$A</c> or <c>$B</c>.</summary>
    public static TemplatePiece Text(char sequence, int typeId = 0) => new([], sequence, typeId);
}
