using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace LossGen.Analyzers.Symbols;

/// <summary>
/// What a loss declaration says about itself, read from its attributes. The catalogue's losses and a user's own
/// <c>[Loss]</c> declarations are read the same way, from source or from metadata.
/// </summary>
internal sealed class LossSymbols
{
    private const string Namespace = "LossGen.";

    private LossSymbols(Compilation compilation)
    {
        LossAttribute = compilation.GetTypeByMetadataName(Namespace + "LossAttribute");
        SentenceLoss = compilation.GetTypeByMetadataName(Namespace + "SentenceLoss");
        InputExample = compilation.GetTypeByMetadataName(Namespace + "InputExample");
        GroupByLabelSampler = compilation.GetTypeByMetadataName(Namespace + "GroupByLabelBatchSampler`1");
    }

    public INamedTypeSymbol? LossAttribute { get; }

    public INamedTypeSymbol? SentenceLoss { get; }

    public INamedTypeSymbol? InputExample { get; }

    public INamedTypeSymbol? GroupByLabelSampler { get; }

    /// <summary>The symbols of a compilation, or <c>null</c> when it does not reference LossGen.</summary>
    public static LossSymbols? From(Compilation compilation)
    {
        var symbols = new LossSymbols(compilation);
        return symbols.LossAttribute is null ? null : symbols;
    }

    public bool IsLoss(ITypeSymbol? type) => type is INamedTypeSymbol named && Attribute(named, "LossAttribute") is not null;

    public static AttributeData? Attribute(ISymbol symbol, string name) =>
        symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == Namespace + name);

    public static string? InputKind(INamedTypeSymbol loss) => EnumName(Attribute(loss, "RequiresInputAttribute"));

    public static string? Pairing(INamedTypeSymbol loss) => EnumName(Attribute(loss, "PairingAttribute"));

    public static bool IsGradientCached(INamedTypeSymbol loss) => Attribute(loss, "GradientCacheAttribute") is not null;

    public static bool IsWrapper(INamedTypeSymbol loss) => Attribute(loss, "WrapsAttribute") is not null;

    public static INamedTypeSymbol? UncachedTwin(INamedTypeSymbol loss) =>
        Attribute(loss, "GradientCacheAttribute")?.ConstructorArguments.FirstOrDefault().Value as INamedTypeSymbol;

    /// <summary>The trait names a wrapper refuses (members of LossTraits).</summary>
    public static IReadOnlyList<string> RefusedTraits(INamedTypeSymbol wrapper)
    {
        TypedConstant refuses = Attribute(wrapper, "WrapsAttribute")?.NamedArguments.FirstOrDefault(a => a.Key == "Refuses").Value ?? default;
        return refuses.Kind == TypedConstantKind.Enum && refuses.Value is int flags && refuses.Type is INamedTypeSymbol traitsType
            ? FlagNames(traitsType, flags)
            : [];
    }

    /// <summary>The trait names of a loss, as the generator derives them from its declaration.</summary>
    public static IReadOnlyList<string> Traits(INamedTypeSymbol loss)
    {
        var traits = new List<string>();
        if (IsGradientCached(loss))
        {
            traits.Add("GradientCached");
        }

        if (IsWrapper(loss))
        {
            traits.Add("Wrapper");
        }

        if (Attribute(loss, "GuidedAttribute") is not null)
        {
            traits.Add("Guided");
        }

        return traits;
    }

    public static INamedTypeSymbol? TypeArgument(INamedTypeSymbol loss, string attribute) =>
        Attribute(loss, attribute)?.ConstructorArguments.FirstOrDefault().Value as INamedTypeSymbol;

    /// <summary>The hyper-parameter property behind a constructor parameter (<c>margin</c> → <c>Margin</c>) and its role attribute.</summary>
    public static (IPropertySymbol Property, string Role)? HyperParameter(INamedTypeSymbol loss, string parameterName)
    {
        foreach (IPropertySymbol property in loss.GetMembers().OfType<IPropertySymbol>())
        {
            if (!string.Equals(property.Name, parameterName, System.StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (AttributeData attribute in property.GetAttributes())
            {
                string? name = attribute.AttributeClass?.ToDisplayString();
                if (name is not null && name.StartsWith(Namespace, System.StringComparison.Ordinal) && name.EndsWith("Attribute", System.StringComparison.Ordinal))
                {
                    return (property, name.Substring(Namespace.Length, name.Length - Namespace.Length - "Attribute".Length));
                }
            }
        }

        return null;
    }

    /// <summary>The input kind carried by a typed example record, or <c>null</c> for other types.</summary>
    public static string? KindOfExample(ITypeSymbol example) => example.ToDisplayString() switch
    {
        "LossGen.TextExample" => "Text",
        "LossGen.LabeledTextExample" => "LabeledText",
        "LossGen.PairExample" => "Pair",
        "LossGen.ScoredPairExample" => "ScoredPair",
        "LossGen.BinaryLabeledPairExample" => "BinaryLabeledPair",
        "LossGen.LabeledPairExample" => "LabeledPair",
        "LossGen.TripletExample" => "Triplet",
        "LossGen.AnchorPositiveNegativesExample" => "AnchorPositiveNegatives",
        "LossGen.QueryPassagesExample" => "QueryPassagesWithTeacherScores",
        "LossGen.TargetEmbeddingExample" => "TextWithTargetEmbedding",
        _ => null,
    };

    /// <summary>Whether data of <paramref name="given"/> kind fits a loss requiring <paramref name="required"/>.</summary>
    public static bool Fits(string required, string given) =>
        required == given || (required == "AnchorPositiveNegatives" && given is "Pair" or "Triplet");

    /// <summary>In words, for messages.</summary>
    public static string Describe(string kind) => kind switch
    {
        "Text" => "single-text",
        "LabeledText" => "single-text-with-class-label (LabeledTextExample)",
        "Pair" => "(anchor, positive) pair (PairExample)",
        "ScoredPair" => "pair-with-float-score (ScoredPairExample)",
        "BinaryLabeledPair" => "pair-with-0/1-label (BinaryLabeledPairExample)",
        "LabeledPair" => "pair-with-class-label (LabeledPairExample)",
        "Triplet" => "(anchor, positive, negative) triplet (TripletExample)",
        "AnchorPositiveNegatives" => "anchor-positive[-negatives] (PairExample, TripletExample or AnchorPositiveNegativesExample)",
        "QueryPassagesWithTeacherScores" => "query-passages-with-teacher-scores (QueryPassagesExample)",
        "TextWithTargetEmbedding" => "text-with-target-embedding (TargetEmbeddingExample)",
        _ => kind,
    };

    /// <summary>The label each input kind carries: None, ClassId, Binary, Score, ScoreVector or Embedding.</summary>
    public static string LabelOf(string kind) => kind switch
    {
        "LabeledText" or "LabeledPair" => "ClassId",
        "BinaryLabeledPair" => "Binary",
        "ScoredPair" => "Score",
        "QueryPassagesWithTeacherScores" => "ScoreVector",
        "TextWithTargetEmbedding" => "Embedding",
        _ => "None",
    };

    public static (int Min, int? Max) Columns(string kind) => kind switch
    {
        "Text" or "LabeledText" => (1, 1),
        "TextWithTargetEmbedding" => (1, null),
        "Pair" or "ScoredPair" or "BinaryLabeledPair" or "LabeledPair" => (2, 2),
        "Triplet" => (3, 3),
        _ => (2, null),
    };

    private static string? EnumName(AttributeData? attribute) =>
        attribute?.ConstructorArguments.FirstOrDefault() is { Kind: TypedConstantKind.Enum, Type: INamedTypeSymbol type } argument
            ? type.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, argument.Value))?.Name
            : null;

    private static IReadOnlyList<string> FlagNames(INamedTypeSymbol type, int flags) =>
        type.GetMembers().OfType<IFieldSymbol>()
            .Where(f => f.HasConstantValue && f.ConstantValue is int value && value != 0 && (flags & value) == value)
            .Select(f => f.Name)
            .ToList();
}
