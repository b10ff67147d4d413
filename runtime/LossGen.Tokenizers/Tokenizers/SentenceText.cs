using System;
using System.Collections.Generic;

namespace LossGen.Tokenizers;

/// <summary>
/// sentence-transformers' handling of a text before its tokenizer: the prompt resolved as <c>encode()</c> resolves it,
/// prepended, <c>(prompt + text).strip()</c>, lower-cased when the model says so. Shared by the TorchSharp model and
/// the ONNX Runtime encoder, so both give the same ids.
/// </summary>
public static class SentenceText
{
    /// <summary>The ids of <paramref name="text"/> after <paramref name="prompt"/>, stripped and optionally lower-cased, truncated to <paramref name="maxSeqLength"/>.</summary>
    public static int[] Encode(TextTokenizer tokenizer, string text, string? prompt, bool doLowerCase, int maxSeqLength)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(text);
        string prepared = PythonText.Strip((prompt ?? string.Empty) + text);
        return tokenizer.Encode(doLowerCase ? PythonText.Lower(prepared) : prepared, maxSeqLength);
    }

    /// <summary>
    /// The prompt <c>encode()</c> uses: <paramref name="prompt"/> when given (<c>""</c> for none), else the one named
    /// <paramref name="promptName"/>, else the default prompt, else none.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="promptName"/> (or the default) names no prompt.</exception>
    public static string? ResolvePrompt(IReadOnlyDictionary<string, string> prompts, string? defaultPromptName, string? promptName, string? prompt)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        if (prompt is not null)
        {
            return prompt;
        }

        string? name = promptName ?? defaultPromptName;
        if (name is null)
        {
            return null;
        }

        return prompts.TryGetValue(name, out string? found)
            ? found
            : throw new ArgumentException($"The model has no prompt named '{name}'; its prompts are: {string.Join(", ", prompts.Keys)}.", nameof(promptName));
    }
}
