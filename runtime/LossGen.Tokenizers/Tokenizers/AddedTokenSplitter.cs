using System;
using System.Collections.Generic;
using System.Linq;

namespace LossGen.Tokenizers;

/// <summary>
/// Cuts a text at added tokens, leftmost and longest first (the <c>tokenizers</c> library's added vocabulary and
/// transformers' trie), honouring each token's <c>lstrip</c> / <c>rstrip</c>.
/// </summary>
internal sealed class AddedTokenSplitter
{
    private readonly AddedToken[] _tokens;

    public AddedTokenSplitter(IEnumerable<AddedToken> tokens) =>
        _tokens = tokens.Where(t => t.Content.Length > 0).OrderByDescending(t => t.Content.Length).ToArray();

    /// <summary>The text's segments in order: an added token's id, or a stretch of text with whether it starts the text.</summary>
    public List<(string Segment, int? Id, bool AtStart)> Split(string text)
    {
        var parts = new List<(string Segment, int? Id, bool AtStart)>();
        int start = 0;
        for (int i = 0; i < text.Length;)
        {
            AddedToken? match = _tokens.Length == 0 ? null : Array.Find(_tokens, t => string.CompareOrdinal(text, i, t.Content, 0, t.Content.Length) == 0);
            if (match is null)
            {
                i++;
                continue;
            }

            string before = text[start..i];
            parts.Add((match.LeftStrip ? before.TrimEnd() : before, null, start == 0));
            parts.Add((match.Content, match.Id, i == 0));
            i += match.Content.Length;
            if (match.RightStrip)
            {
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }
            }

            start = i;
        }

        parts.Add((text[start..], null, start == 0));
        parts.RemoveAll(p => p.Id is null && p.Segment.Length == 0);
        return parts;
    }
}
