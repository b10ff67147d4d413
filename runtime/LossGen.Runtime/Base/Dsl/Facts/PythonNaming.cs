using System.Text;

namespace LossGen;

/// <summary>sentence-transformers' spelling of LossGen's .NET names, the one rule the generator, analyzers and runtime share.</summary>
#if LOSSGEN_RUNTIME
public
#else
internal
#endif
static class PythonNaming
{
    /// <summary><c>SimilarityFct</c> or <c>similarityFct</c> → <c>similarity_fct</c>; <c>NDimsPerStep</c> → <c>n_dims_per_step</c>.</summary>
    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
