using System.Collections.Generic;
using System.Linq;
using LossGen.Generators;
using Microsoft.CodeAnalysis;

namespace LossGen.Analyzers.Symbols;

/// <summary>
/// What a loss declaration says about itself, read from its attributes. The catalogue's losses and a user's own
/// <c>[Loss]</c> declarations are read the same way, from source or from metadata; the facts about input kinds,
/// pairings and traits come from the DSL's shared tables (<c>Dsl/Facts</c>), never from copies here.
/// </summary>
internal sealed class LossSymbols
{
    private LossSymbols(Compilation compilation)
    {
        LossAttribute = compilation.GetTypeByMetadataName(KnownNames.LossAttribute);
        SentenceLoss = compilation.GetTypeByMetadataName(KnownNames.SentenceLoss);
        InputExample = compilation.GetTypeByMetadataName(KnownNames.InputExample);
        GroupByLabelSampler = compilation.GetTypeByMetadataName(KnownNames.GroupByLabelBatchSampler);
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

    public bool IsLoss(ITypeSymbol? type) => type is INamedTypeSymbol named && Attribute(named, KnownNames.LossAttribute) is not null;

    /// <summary>The attribute of metadata name <paramref name="metadataName"/> (a <see cref="KnownNames"/> constant) on <paramref name="symbol"/>.</summary>
    public static AttributeData? Attribute(ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == metadataName);

    public static InputKind? InputKind(INamedTypeSymbol loss) => EnumMember<InputKind>(Attribute(loss, KnownNames.RequiresInputAttribute));

    public static Pairing? Pairing(INamedTypeSymbol loss) => EnumMember<Pairing>(Attribute(loss, KnownNames.PairingAttribute));

    public static bool IsWrapper(INamedTypeSymbol loss) => Traits(loss).HasFlag(LossTraits.Wrapper);

    public static INamedTypeSymbol? UncachedTwin(INamedTypeSymbol loss) =>
        Attribute(loss, KnownNames.GradientCacheAttribute)?.ConstructorArguments.FirstOrDefault().Value as INamedTypeSymbol;

    /// <summary>The traits a wrapper refuses.</summary>
    public static LossTraits RefusedTraits(INamedTypeSymbol wrapper) =>
        Attribute(wrapper, KnownNames.WrapsAttribute)?.NamedArguments.FirstOrDefault(a => a.Key == "Refuses").Value is { Kind: TypedConstantKind.Enum, Value: int flags }
            ? (LossTraits)flags
            : LossTraits.None;

    /// <summary>The traits of a loss, derived from its declaration exactly as the generator derives them.</summary>
    public static LossTraits Traits(INamedTypeSymbol loss)
    {
        LossTraits traits = loss.GetAttributes().Aggregate(LossTraits.None, (all, attribute) => all | LossTraitAttributes.TraitOf(attribute.AttributeClass?.ToDisplayString()));
        bool learnableScale = loss.GetMembers().OfType<IPropertySymbol>()
            .Any(p => Attribute(p, HyperParameterRole.Scale.AttributeName())?.NamedArguments.Any(a => a.Key == "Learnable" && a.Value.Value is true) == true);
        return traits | (learnableScale ? LossTraits.OwnsParameters : LossTraits.None);
    }

    /// <summary>The names of the flags set in <paramref name="traits"/>, for messages.</summary>
    public static IReadOnlyList<string> Names(LossTraits traits) =>
        traits == LossTraits.None ? [] : traits.ToString().Split(',').Select(name => name.Trim()).ToList();

    public static INamedTypeSymbol? TypeArgument(INamedTypeSymbol loss, string attribute) =>
        Attribute(loss, attribute)?.ConstructorArguments.FirstOrDefault().Value as INamedTypeSymbol;

    /// <summary>The hyper-parameter property behind a constructor parameter (<c>margin</c> → <c>Margin</c>) and its role.</summary>
    public static (IPropertySymbol Property, HyperParameterRole Role)? HyperParameter(INamedTypeSymbol loss, string parameterName)
    {
        foreach (IPropertySymbol property in loss.GetMembers().OfType<IPropertySymbol>())
        {
            if (!string.Equals(property.Name, parameterName, System.StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (AttributeData attribute in property.GetAttributes())
            {
                if (HyperParameterRoles.FromAttributeName(attribute.AttributeClass?.ToDisplayString()) is { } role)
                {
                    return (property, role);
                }
            }
        }

        return null;
    }

    /// <summary>The input kind carried by a typed example record, or <c>null</c> for other types.</summary>
    public static InputKind? KindOfExample(ITypeSymbol example) =>
        example.ContainingNamespace?.ToDisplayString() == KnownNames.Namespace ? InputKinds.OfExampleType(example.Name) : null;

    // By member name: the analyzers' copy of a DSL enum is compiled from the runtime's source, but names are the contract.
    private static TEnum? EnumMember<TEnum>(AttributeData? attribute)
        where TEnum : struct, System.Enum =>
        attribute?.ConstructorArguments.FirstOrDefault() is { Kind: TypedConstantKind.Enum, Type: INamedTypeSymbol type } argument
            && type.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, argument.Value))?.Name is string member
            && System.Enum.TryParse(member, out TEnum value)
            ? value
            : null;
}
