using System.Text;

namespace LossGen.Generators.Helpers;

/// <summary>Name conversions between .NET and sentence-transformers spellings.</summary>
internal static class Naming
{
    /// <summary><c>SimilarityFct</c> → <c>similarity_fct</c>; <c>NDimsPerStep</c> → <c>n_dims_per_step</c>.</summary>
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

    /// <summary><c>SimilarityFct</c> → <c>similarityFct</c>, escaped if it is a keyword.</summary>
    public static string ToCamelCase(string name)
    {
        string camel = char.ToLowerInvariant(name[0]) + name.Substring(1);
        return Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(camel) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + camel : camel;
    }

    /// <summary><c>Scale</c> → <c>_scale</c>.</summary>
    public static string ToFieldName(string name) => "_" + char.ToLowerInvariant(name[0]) + name.Substring(1);
}
