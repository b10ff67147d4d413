using System.Text;

namespace LossGen.Tokenizers.Pipeline;

/// <summary>
/// GPT-2's byte-to-character table (<c>bytes_to_unicode</c>): printable Latin-1 bytes stand for themselves, the others
/// for U+0100 onwards, so that every byte string is a string of visible characters (a space is <c>Ġ</c>).
/// </summary>
internal static class ByteLevelAlphabet
{
    private static readonly char[] Characters = Build();

    /// <summary>The UTF-8 bytes of <paramref name="text"/>, each as its character.</summary>
    public static string Encode(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        var chars = new char[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            chars[i] = Characters[bytes[i]];
        }

        return new string(chars);
    }

    private static char[] Build()
    {
        var table = new char[256];
        int next = 0;
        for (int b = 0; b < 256; b++)
        {
            bool printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            table[b] = printable ? (char)b : (char)(256 + next++);
        }

        return table;
    }
}
