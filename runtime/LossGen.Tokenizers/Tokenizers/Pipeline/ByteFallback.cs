using System.Collections.Generic;
using System.Text;

namespace LossGen.Tokenizers.Pipeline;

/// <summary><c>byte_fallback</c>: text no piece covers as the byte tokens <c>&lt;0x00&gt;</c>…<c>&lt;0xFF&gt;</c> of its UTF-8 bytes.</summary>
internal static class ByteFallback
{
    /// <summary>The byte-token ids of <paramref name="text"/>, or <c>null</c> when the vocabulary lacks one of them.</summary>
    public static int[]? Ids(IReadOnlyDictionary<string, int> vocabulary, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        var ids = new int[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            if (!vocabulary.TryGetValue($"<0x{bytes[i]:X2}>", out ids[i]))
            {
                return null;
            }
        }

        return ids;
    }
}
