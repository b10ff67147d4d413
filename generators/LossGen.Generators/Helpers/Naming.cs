namespace LossGen.Generators.Helpers;

/// <summary>The C# names the generator derives from a hyper-parameter's property name; its Python name is <see cref="PythonNaming"/>'s.</summary>
internal static class Naming
{
    /// <summary><c>SimilarityFct</c> → <c>similarityFct</c>, escaped if it is a keyword.</summary>
    public static string ToCamelCase(string name)
    {
        string camel = char.ToLowerInvariant(name[0]) + name.Substring(1);
        return Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(camel) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + camel : camel;
    }

    /// <summary><c>Scale</c> → <c>_scale</c>.</summary>
    public static string ToFieldName(string name) => "_" + char.ToLowerInvariant(name[0]) + name.Substring(1);
}
