using System;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace LossGen.Tokenizers.Pipeline;

/// <summary>
/// SentencePiece's precompiled normalization (the <c>Precompiled</c> normalizer's <c>precompiled_charsmap</c>, e.g.
/// nmt_nfkc): a little-endian u32 trie size, a darts-clone double-array trie over UTF-8 keys, then the replacement
/// strings, NUL-terminated. No .NET library reads this format (Microsoft.ML.Tokenizers keeps its own reader internal),
/// so it is read here, applied as the <c>tokenizers</c> library applies it: each grapheme cluster shorter than 6 UTF-8
/// bytes is looked up whole, else each of its characters, and the first (shortest) trie match replaces it.
/// </summary>
internal sealed class PrecompiledCharsMap
{
    private readonly uint[] _trie;
    private readonly byte[] _normalized;

    private PrecompiledCharsMap(uint[] trie, byte[] normalized)
    {
        _trie = trie;
        _normalized = normalized;
    }

    /// <summary>Reads the map from the bytes of <c>precompiled_charsmap</c>.</summary>
    /// <exception cref="FormatException">The bytes are not a charsmap.</exception>
    public static PrecompiledCharsMap Read(byte[] bytes)
    {
        if (bytes.Length < 4)
        {
            throw new FormatException("precompiled_charsmap is shorter than its 4-byte header.");
        }

        uint trieBytes = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        if (trieBytes % 4 != 0 || trieBytes > bytes.Length - 4 || trieBytes == 0)
        {
            throw new FormatException($"precompiled_charsmap declares a trie of {trieBytes} bytes in {bytes.Length - 4}.");
        }

        var trie = new uint[trieBytes / 4];
        for (int i = 0; i < trie.Length; i++)
        {
            trie[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4 + (i * 4)));
        }

        return new PrecompiledCharsMap(trie, bytes[(4 + (int)trieBytes)..]);
    }

    /// <summary><paramref name="text"/> normalized.</summary>
    public string Normalize(string text)
    {
        var output = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length;)
        {
            int length = StringInfo.GetNextTextElementLength(text, i);
            string grapheme = text.Substring(i, length);
            if (Encoding.UTF8.GetByteCount(grapheme) < 6 && Transform(grapheme) is string whole)
            {
                output.Append(whole);
            }
            else
            {
                for (int j = 0; j < grapheme.Length;)
                {
                    int width = char.IsSurrogatePair(grapheme, j) ? 2 : 1;
                    string character = grapheme.Substring(j, width);
                    output.Append(Transform(character) ?? character);
                    j += width;
                }
            }

            i += length;
        }

        return output.ToString();
    }

    private string? Transform(string chunk)
    {
        int? first = FirstPrefixValue(Encoding.UTF8.GetBytes(chunk));
        if (first is not int start || start > _normalized.Length)
        {
            return null;
        }

        int end = Array.IndexOf(_normalized, (byte)0, start);
        return Encoding.UTF8.GetString(_normalized, start, (end < 0 ? _normalized.Length : end) - start);
    }

    // darts-clone's common prefix search, stopped at the first (shortest) key that is a prefix of the input.
    private int? FirstPrefixValue(byte[] key)
    {
        uint node = 0;
        uint unit = _trie[node];
        node ^= Offset(unit);
        foreach (byte c in key)
        {
            if (c == 0)
            {
                break;
            }

            node ^= c;
            if (node >= _trie.Length)
            {
                return null;
            }

            unit = _trie[node];
            if ((unit & ((1u << 31) | 0xFF)) != c)
            {
                return null;
            }

            node ^= Offset(unit);
            if (((unit >> 8) & 1) == 1 && node < _trie.Length)
            {
                return (int)(_trie[node] & ((1u << 31) - 1));
            }
        }

        return null;
    }

    private static uint Offset(uint unit) => (unit >> 10) << (int)((unit & (1u << 9)) >> 6);
}
