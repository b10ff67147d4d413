using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LossGen.Generators.Diagnostics;
using LossGen.Generators.Models;
using Microsoft.CodeAnalysis;

namespace LossGen.Generators.Parsing;

/// <summary>Reads the DSL's attributes off symbols: by metadata name, and enum values by member name.</summary>
internal static class DeclarationAttributes
{
    // By member name, not value: the generator's copy of a DSL enum is the runtime's source, but names are what users read.
    internal static TEnum? EnumMember<TEnum>(AttributeData? attribute, string owner, Location location, List<DiagnosticInfo> diagnostics)
        where TEnum : struct, System.Enum
    {
        if (attribute?.ConstructorArguments.FirstOrDefault() is not { Kind: TypedConstantKind.Enum, Type: INamedTypeSymbol enumType } argument)
        {
            return null;
        }

        string? member = MemberName(enumType, argument.Value);
        if (member is not null && System.Enum.TryParse(member, out TEnum value))
        {
            return value;
        }

        string attributeName = attribute.AttributeClass?.Name.Replace("Attribute", string.Empty) ?? "?";
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedEnumValue, location, owner, attributeName, System.Convert.ToString(argument.Value, CultureInfo.InvariantCulture) ?? "null", enumType.Name));
        return null;
    }

    internal static string? MemberName(INamedTypeSymbol enumType, object? value) =>
        enumType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value))?.Name;

    internal static AttributeData? Find(ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == metadataName);
}
