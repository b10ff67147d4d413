using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LossGen.Generators.Helpers;
using LossGen.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossGen.Generators.Parsing;

/// <summary>Reads what a <see cref="LossStandIn"/> needs from a <c>[Loss]</c> declaration the generator cannot complete.</summary>
internal static class StandInBuilder
{
    /// <summary>The stand-in for <paramref name="type"/>, or <c>null</c> where no generated part can be added (not partial, an interface, a non-partial container).</summary>
    public static LossStandIn? Build(INamedTypeSymbol type, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword) || declaration is InterfaceDeclarationSyntax)
        {
            return null;
        }

        var containers = new List<string>();
        for (SyntaxNode? parent = declaration.Parent; parent is TypeDeclarationSyntax container; parent = parent.Parent)
        {
            if (!container.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return null;
            }

            containers.Insert(0, Header(container));
        }

        bool completes = containers.Count == 0 && !type.IsGenericType && declaration is ClassDeclarationSyntax
            && !type.IsStatic && !type.IsAbstract && (type.BaseType is null || type.BaseType.SpecialType == SpecialType.System_Object || type.BaseType.ToDisplayString() == KnownNames.SentenceLoss);
        List<HyperParameterModel> hyperParameters = completes ? HyperParameterReader.ReadHyperParameters(type, [], cancellationToken) : [];
        InputKind? inputKind = DeclarationAttributes.Find(type, KnownNames.RequiresInputAttribute)?.ConstructorArguments.FirstOrDefault() is { Value: int kind }
            && System.Enum.IsDefined(typeof(InputKind), kind) ? (InputKind)kind : null;
        return new LossStandIn(
            type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
            new EquatableArray<string>(containers),
            Header(declaration),
            declaration.Identifier.Text,
            completes,
            new EquatableArray<StandInProperty>(UnimplementedProperties(type, cancellationToken)),
            new EquatableArray<HyperParameterModel>(hyperParameters),
            Has(type, KnownNames.GuidedAttribute),
            Has(type, KnownNames.WrapsAttribute),
            Has(type, KnownNames.TrainsModelCopyAttribute),
            inputKind,
            DeclarationShape.HasOnCreated(type));
    }

    // "partial class Name<T>", "partial record struct Name", ...: enough to add a part to the type.
    private static string Header(TypeDeclarationSyntax declaration)
    {
        string keyword = declaration is RecordDeclarationSyntax record
            ? "record" + (record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? " struct" : string.Empty)
            : declaration.Keyword.ValueText;
        return $"partial {keyword} {declaration.Identifier.Text}{declaration.TypeParameterList?.ToString() ?? string.Empty}";
    }

    // The partial properties that have a declaration and no implementation: the generated half owes them one.
    private static IEnumerable<StandInProperty> UnimplementedProperties(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (IPropertySymbol property in type.GetMembers().OfType<IPropertySymbol>())
        {
            PropertyDeclarationSyntax[] parts = property.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<PropertyDeclarationSyntax>().ToArray();
            if (parts.Length != 1 || parts[0] is not { } part || !part.Modifiers.Any(SyntaxKind.PartialKeyword)
                || part.ExpressionBody is not null || part.AccessorList is null || part.AccessorList.Accessors.Any(a => a.Body is not null || a.ExpressionBody is not null))
            {
                continue;
            }

            string typeName = property.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(
                SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier | SymbolDisplayMiscellaneousOptions.UseSpecialTypes));
            string modifiers = string.Join(" ", part.Modifiers.Select(m => m.ValueText));
            yield return new StandInProperty(modifiers, typeName, property.Name, new EquatableArray<string>(part.AccessorList.Accessors.Select(a => a.Keyword.ValueText)));
        }
    }

    private static bool Has(ISymbol symbol, string metadataName) => DeclarationAttributes.Find(symbol, metadataName) is not null;
}
