using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LossGen.Generators.Diagnostics;
using LossGen.Generators.Helpers;
using LossGen.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossGen.Generators.Parsing;

/// <summary>
/// Reads a <c>[Loss]</c> declaration into a <see cref="LossModel"/> while the semantic model is at hand; nothing past
/// this point holds a symbol or syntax node. Never throws on half-typed code: what it cannot read becomes a diagnostic,
/// and a declaration with an error yields no model.
/// </summary>
internal static class LossModelBuilder
{
    /// <summary>
    /// Reads the declaration that carries <c>[Loss]</c>. The generator calls it to emit the model; LossGen.Analyzers
    /// calls the same code (compiled into it as source) to report the diagnostics at their real locations.
    /// </summary>
    public static LossGenerationResult Build(ISymbol? symbol, SyntaxNode? node, CancellationToken cancellationToken)
    {
        LossGenerationResult result = Read(symbol, node, cancellationToken);
        return result.Model is null && symbol is INamedTypeSymbol type && node is TypeDeclarationSyntax declaration
            ? result with { StandIn = StandInBuilder.Build(type, declaration, cancellationToken) }
            : result;
    }

    private static LossGenerationResult Read(ISymbol? symbol, SyntaxNode? node, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (symbol is not INamedTypeSymbol type || node is not TypeDeclarationSyntax declaration)
        {
            return new LossGenerationResult(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        Location location = declaration.Identifier.GetLocation();
        string name = type.Name;
        if (DeclarationShape.InvalidTypeReason(type, declaration) is string reason)
        {
            return Fail(diagnostics, DiagnosticDescriptors.InvalidLossType, location, name, reason);
        }

        var syntax = (ClassDeclarationSyntax)declaration;
        if (type.ContainingType is not null || type.IsGenericType)
        {
            return Fail(diagnostics, DiagnosticDescriptors.UnsupportedDeclarationShape, location, name);
        }

        // A missing 'partial' is reported by LossGen.Analyzers (LG0001), where a code fix can act on it.
        if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return new LossGenerationResult(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        AttributeData? requiresInput = DeclarationAttributes.Find(type, KnownNames.RequiresInputAttribute);
        AttributeData? wraps = DeclarationAttributes.Find(type, KnownNames.WrapsAttribute);
        InputKind? inputKind = DeclarationAttributes.EnumMember<InputKind>(requiresInput, name, location, diagnostics);
        Pairing? pairing = DeclarationAttributes.EnumMember<Pairing>(DeclarationAttributes.Find(type, KnownNames.PairingAttribute), name, location, diagnostics);
        Objective? objective = DeclarationAttributes.EnumMember<Objective>(DeclarationAttributes.Find(type, KnownNames.ObjectiveAttribute), name, location, diagnostics);
        ModelFamily family = DeclarationAttributes.EnumMember<ModelFamily>(DeclarationAttributes.Find(type, KnownNames.LossAttribute), name, location, diagnostics) ?? ModelFamily.SentenceTransformer;
        SimilarityFunction? fixedSimilarity = DeclarationAttributes.EnumMember<SimilarityFunction>(DeclarationAttributes.Find(type, HyperParameterRole.Similarity.AttributeName()), name, location, diagnostics);
        if (diagnostics.Count > 0)
        {
            return new LossGenerationResult(null, new EquatableArray<DiagnosticInfo>(diagnostics));
        }

        if (wraps is null && inputKind is null)
        {
            return Fail(diagnostics, DiagnosticDescriptors.MissingInputKind, location, name);
        }

        bool isGuided = DeclarationAttributes.Find(type, KnownNames.GuidedAttribute) is not null;
        bool trainsModelCopy = DeclarationAttributes.Find(type, KnownNames.TrainsModelCopyAttribute) is not null;
        bool isTextOnly = DeclarationAttributes.Find(type, KnownNames.TextOnlyAttribute) is not null;
        AttributeData? gradientCache = DeclarationAttributes.Find(type, KnownNames.GradientCacheAttribute);
        int? maxColumns = requiresInput?.NamedArguments.FirstOrDefault(a => a.Key == "MaxColumns").Value is { IsNull: false, Value: int bound } && bound > 0 ? bound : null;

        List<HyperParameterModel> hyperParameters = HyperParameterReader.ReadHyperParameters(type, diagnostics, cancellationToken);
        IMethodSymbol? mathMethod = type.GetMembers().OfType<IMethodSymbol>().FirstOrDefault(m => DeclarationAttributes.Find(m, KnownNames.LossMathAttribute) is not null);

        // A [LossMath] loss may still declare its pairing, as data for the analyzers; only an objective is grammar.
        int bodies = (objective is not null ? 1 : 0) + (mathMethod is not null ? 1 : 0) + (isTextOnly ? 1 : 0);
        if (bodies != 1 || (pairing is null && objective is not null))
        {
            string declared = bodies > 1 ? "more than one of a pairing/objective, a [LossMath] method and [TextOnly]"
                : bodies == 0 && pairing is not null ? "a pairing without an objective or a [LossMath] method"
                : bodies == 0 ? "neither a pairing/objective, a [LossMath] method nor [TextOnly]"
                : "an objective without a pairing";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingMath, location, name, declared));
        }

        if (fixedSimilarity is not null && hyperParameters.FirstOrDefault(p => p.Role is HyperParameterRole.Similarity or HyperParameterRole.Distance) is { } tunable)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConflictingSimilarity, location, name, $"[{tunable.Role}] '{tunable.Name}'"));
        }

        foreach (IGrouping<HyperParameterRole, HyperParameterModel> group in hyperParameters.Where(p => p.Role != HyperParameterRole.Plain).GroupBy(p => p.Role))
        {
            if (group.Count() > 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateRole, location, name, group.Key.ToString()));
            }
        }

        if (pairing is { } declaredPairing && objective is { } declaredObjective && mathMethod is null)
        {
            GrammarCheck.Check(name, family, declaredPairing, declaredObjective, inputKind, isGuided, fixedSimilarity, hyperParameters, location, diagnostics);
        }

        FixedDirections? fixedDirections = ReadDirections(DeclarationAttributes.Find(type, KnownNames.DirectionsAttribute));
        if (fixedDirections is not null && InBatchDirectionRules.Refusal(fixedDirections.Flags, fixedDirections.Mode) is string refusal)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RefusedFixedDirections, location, name, refusal));
        }

        if (gradientCache is not null && !hyperParameters.Any(p => p.Role == HyperParameterRole.MiniBatchSize))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GradientCacheWithoutMiniBatch, location, name));
        }

        if (gradientCache is not null
            && (gradientCache.ConstructorArguments.FirstOrDefault().Value is not INamedTypeSymbol { TypeKind: not TypeKind.Error } twinCandidate || DeclarationAttributes.Find(twinCandidate, KnownNames.LossAttribute) is null))
        {
            string named = gradientCache.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList.Arguments: [{ Expression: TypeOfExpressionSyntax typeOf }, ..] }
                ? typeOf.Type.ToString()
                : (gradientCache.ConstructorArguments.FirstOrDefault().Value as ITypeSymbol)?.ToDisplayString() ?? "nothing";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UncachedTwinNotALoss, location, name, named));
        }

        InputKind effectiveKind = inputKind ?? InputKind.AnchorPositiveNegatives;
        MathMethodModel? math = mathMethod is null ? null : MathMethodReader.ReadMath(type, mathMethod, effectiveKind, family, isGuided, wraps is not null, diagnostics);

        if (diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error))
        {
            return new LossGenerationResult(null, new EquatableArray<DiagnosticInfo>(diagnostics));
        }

        LossTraits traits = type.GetAttributes().Aggregate(LossTraits.None, (all, attribute) => all | LossTraitAttributes.TraitOf(attribute.AttributeClass?.ToDisplayString()))
            | (hyperParameters.Any(p => p.IsLearnable) ? LossTraits.OwnsParameters : LossTraits.None);
        LossTraits refuses = wraps?.NamedArguments.FirstOrDefault(a => a.Key == "Refuses").Value is { IsNull: false, Value: int flags } ? (LossTraits)flags : LossTraits.None;
        string? twin = gradientCache?.ConstructorArguments.FirstOrDefault().Value is INamedTypeSymbol twinType
            ? twinType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)
            : null;
        string? citation = DeclarationAttributes.Find(type, KnownNames.CitationAttribute)?.ConstructorArguments.FirstOrDefault().Value as string;
        bool hasOnCreated = DeclarationShape.HasOnCreated(type);

        var model = new LossModel(
            type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
            name,
            SyntaxFacts.GetText(type.DeclaredAccessibility),
            inputKind,
            pairing,
            objective,
            fixedSimilarity,
            math,
            isTextOnly,
            new EquatableArray<HyperParameterModel>(hyperParameters),
            traits,
            refuses,
            twin,
            trainsModelCopy,
            maxColumns,
            hasOnCreated,
            citation,
            family,
            fixedDirections);
        return new LossGenerationResult(model, new EquatableArray<DiagnosticInfo>(diagnostics));
    }

    // [Directions(flags, partition)]: the flags decomposed into member names through the enum's own symbol.
    private static FixedDirections? ReadDirections(AttributeData? attribute)
    {
        if (attribute is not { ConstructorArguments: [{ Type: INamedTypeSymbol flagsType, Value: int flags }, ..] arguments })
        {
            return null;
        }

        string[] members = flagsType.GetMembers().OfType<IFieldSymbol>()
            .Where(f => f.HasConstantValue && f.ConstantValue is int bit && bit != 0 && (flags & bit) == bit)
            .Select(f => f.Name)
            .ToArray();
        string partition = arguments.Length > 1 && arguments[1].Type is INamedTypeSymbol partitionType
            ? DeclarationAttributes.MemberName(partitionType, arguments[1].Value) ?? "Joint"
            : "Joint";
        return new FixedDirections(new EquatableArray<string>(members), partition, flags);
    }

    private static LossGenerationResult Fail(List<DiagnosticInfo> diagnostics, DiagnosticDescriptor descriptor, Location location, params string[] arguments)
    {
        diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
        return new LossGenerationResult(null, new EquatableArray<DiagnosticInfo>(diagnostics));
    }
}
