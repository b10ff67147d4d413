using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossGen.Generators.Parsing;

/// <summary>What makes a <c>[Loss]</c> type something the generator can complete into a <c>SentenceLoss</c>.</summary>
internal static class DeclarationShape
{
    // What makes a declaration something the generator cannot complete into a compiling SentenceLoss, or null.
    internal static string? InvalidTypeReason(INamedTypeSymbol type, TypeDeclarationSyntax declaration)
    {
        if (declaration is RecordDeclarationSyntax)
        {
            return "is a record";
        }

        if (declaration is not ClassDeclarationSyntax)
        {
            return $"is {(declaration is InterfaceDeclarationSyntax ? "an interface" : "a struct")}";
        }

        if (type.IsStatic)
        {
            return "is static";
        }

        if (type.IsAbstract)
        {
            return "is abstract";
        }

        if (SyntaxFacts.GetKeywordKind(type.Name) != SyntaxKind.None)
        {
            return $"is named '{type.Name}', a C# keyword";
        }

        if (type.BaseType is { } baseType && baseType.SpecialType != SpecialType.System_Object && baseType.ToDisplayString() != KnownNames.SentenceLoss)
        {
            return baseType.TypeKind == TypeKind.Error ? "has a base class that does not resolve (circular or missing)" : $"derives from '{baseType.ToDisplayString()}'";
        }

        return null;
    }

    /// <summary>Whether the declaration implements <c>partial void OnCreated()</c>, whose declaration the generated half supplies.</summary>
    internal static bool HasOnCreated(INamedTypeSymbol type) =>
        type.GetMembers("OnCreated").OfType<IMethodSymbol>().Any(m => m.Parameters.Length == 0 && m.ReturnsVoid && m.PartialDefinitionPart is null && !m.IsPartialDefinition);
}
