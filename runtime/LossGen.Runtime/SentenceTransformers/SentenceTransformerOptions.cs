using System;
using System.Collections.Generic;
using LossGen.SentenceTransformers.Modules;

namespace LossGen.SentenceTransformers;

/// <summary>
/// The settings of a sentence-transformers model beyond its modules' weights: pooling (<c>1_Pooling/config.json</c>),
/// text handling (<c>sentence_bert_config.json</c>), prompts and similarity (<c>config_sentence_transformers.json</c>).
/// </summary>
public sealed record SentenceTransformerOptions
{
    /// <summary>The pooling modes; several are concatenated in <see cref="Pooling.ConcatenationOrder"/>.</summary>
    public IReadOnlyList<PoolingMode> PoolingModes { get; init; } = [PoolingMode.Mean];

    /// <summary>Whether prompt tokens take part in pooling (<c>include_prompt</c>); when not, they are masked out.</summary>
    public bool IncludePrompt { get; init; } = true;

    /// <summary>Texts are truncated to this many tokens, special tokens included (<c>max_seq_length</c>).</summary>
    public int MaxSeqLength { get; init; } = 256;

    /// <summary>Lower-case texts before the tokenizer sees them (<c>sentence_bert_config.json</c>'s <c>do_lower_case</c>).</summary>
    public bool DoLowerCase { get; init; }

    /// <summary>Named prompts prepended to texts at encoding (<c>prompts</c>).</summary>
    public IReadOnlyDictionary<string, string> Prompts { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The prompt used when none is asked for (<c>default_prompt_name</c>), or <c>null</c>.</summary>
    public string? DefaultPromptName { get; init; }

    /// <summary>The model's similarity: <c>cosine</c>, <c>dot</c>, <c>euclidean</c> or <c>manhattan</c> (<c>similarity_fn_name</c>).</summary>
    public string SimilarityFunctionName { get; init; } = "cosine";

    /// <summary>The similarity names sentence-transformers defines.</summary>
    public static IReadOnlyList<string> SimilarityFunctionNames { get; } = ["cosine", "dot", "euclidean", "manhattan"];

    /// <summary>Checks the settings against each other.</summary>
    /// <exception cref="ArgumentException">A value names something undefined.</exception>
    public void Validate()
    {
        if (PoolingModes.Count == 0)
        {
            throw new ArgumentException("at least one pooling mode must be on.");
        }

        if (!((IList<string>)SimilarityFunctionNames).Contains(SimilarityFunctionName))
        {
            throw new ArgumentException($"similarity_fn_name '{SimilarityFunctionName}' is not one of {string.Join(", ", SimilarityFunctionNames)}.");
        }

        if (DefaultPromptName is not null && !Prompts.ContainsKey(DefaultPromptName))
        {
            throw new ArgumentException($"default_prompt_name '{DefaultPromptName}' is not among the prompts ({string.Join(", ", Prompts.Keys)}).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSeqLength, 2, "max_seq_length");
    }
}
