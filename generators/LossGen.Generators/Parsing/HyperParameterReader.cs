using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using LossGen.Generators.Diagnostics;
using LossGen.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossGen.Generators.Parsing;

/// <summary>Reads a declaration's hyper-parameters: role, type, default and its range, as data for the model.</summary>
internal static class HyperParameterReader
{
    /// <summary>The hyper-parameters that read without error; the errors go to <paramref name="diagnostics"/>.</summary>
    internal static List<HyperParameterModel> ReadHyperParameters(INamedTypeSymbol type, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var result = new List<HyperParameterModel>();
        foreach (IPropertySymbol property in type.GetMembers().OfType<IPropertySymbol>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            (AttributeData Attribute, HyperParameterRole Role)? found = RoleOf(property);
            if (found is not { } roleAttribute)
            {
                continue;
            }

            Location location = property.Locations.FirstOrDefault() ?? Location.None;
            bool isPartialGetOnly = property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is PropertyDeclarationSyntax declaration
                && declaration.Modifiers.Any(SyntaxKind.PartialKeyword)
                && property.SetMethod is null
                && property.GetMethod is not null;
            if (!isPartialGetOnly)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.HyperParameterNotPartial, location, type.Name, property.Name));
                continue;
            }

            HyperParameterModel? model = ReadHyperParameter(type, property, roleAttribute.Attribute, roleAttribute.Role, location, diagnostics);
            if (model is not null)
            {
                result.Add(model);
            }
        }

        return result;
    }

    private static HyperParameterModel? ReadHyperParameter(INamedTypeSymbol owner, IPropertySymbol property, AttributeData attribute, HyperParameterRole role, Location location, List<DiagnosticInfo> diagnostics)
    {
        ITypeSymbol type = property.Type;
        string typeName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier | SymbolDisplayMiscellaneousOptions.UseSpecialTypes));
        ValueKind kind = KindOf(type);
        string attributeName = attribute.AttributeClass?.Name.Replace("Attribute", string.Empty) ?? "HyperParameter";

        string? expected = role switch
        {
            HyperParameterRole.Margin or HyperParameterRole.Scale or HyperParameterRole.Temperature when kind != ValueKind.Floating => "float or double",
            HyperParameterRole.MiniBatchSize when type.SpecialType != SpecialType.System_Int32 => "int",
            HyperParameterRole.Similarity when type.ToDisplayString() != KnownNames.SimilarityFunction => "LossGen.SimilarityFunction",
            HyperParameterRole.Distance when type.ToDisplayString() != KnownNames.SiameseDistanceMetric && type.ToDisplayString() != KnownNames.TripletDistanceMetric && type.ToDisplayString() != KnownNames.BatchDistanceMetric
                => "SiameseDistanceMetric, TripletDistanceMetric or BatchDistanceMetric",
            _ => null,
        };
        if (expected is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.HyperParameterWrongType, location, attributeName, owner.Name, property.Name, expected, type.ToDisplayString()));
            return null;
        }

        string? defaultLiteral;
        bool learnable = false;
        string? minimum = null;
        if (role == HyperParameterRole.Plain)
        {
            bool hasDefault = attribute.ConstructorArguments.Length == 1;
            defaultLiteral = hasDefault ? Literal(attribute.ConstructorArguments[0], type) : null;
            if (hasDefault && defaultLiteral is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DefaultValueMismatch, location, owner.Name, property.Name, type.ToDisplayString()));
                return null;
            }

            TypedConstant min = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Minimum").Value;
            if (!min.IsNull && min.Value is double minValue)
            {
                minimum = minValue.ToString("R", CultureInfo.InvariantCulture);
            }
        }
        else
        {
            defaultLiteral = attribute.ConstructorArguments.Length == 1 ? Literal(attribute.ConstructorArguments[0], type) : null;
            if (defaultLiteral is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DefaultValueMismatch, location, owner.Name, property.Name, type.ToDisplayString()));
                return null;
            }

            learnable = role == HyperParameterRole.Scale && attribute.NamedArguments.Any(a => a.Key == "Learnable" && a.Value.Value is true);
        }

        if (attribute.ConstructorArguments.Length == 1 && DefaultProblem(role, attribute.ConstructorArguments[0], minimum) is string problem)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DefaultOutOfRange, location, owner.Name, property.Name, System.Convert.ToString(attribute.ConstructorArguments[0].Value, CultureInfo.InvariantCulture) ?? "null", problem));
            return null;
        }

        return new HyperParameterModel(property.Name, typeName, role, defaultLiteral, kind, minimum, learnable);
    }

    private static (AttributeData, HyperParameterRole)? RoleOf(IPropertySymbol property)
    {
        foreach (AttributeData attribute in property.GetAttributes())
        {
            if (HyperParameterRoles.FromAttributeName(attribute.AttributeClass?.ToDisplayString()) is { } role)
            {
                return (attribute, role);
            }
        }

        return null;
    }

    private static ValueKind KindOf(ITypeSymbol type) => type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? KindOf(nullable.TypeArguments[0]) : type.SpecialType switch
    {
        SpecialType.System_Single or SpecialType.System_Double => ValueKind.Floating,
        SpecialType.System_Int32 or SpecialType.System_Int64 => ValueKind.Integer,
        SpecialType.System_Boolean => ValueKind.Boolean,
        SpecialType.System_String => ValueKind.String,
        _ when type.TypeKind == TypeKind.Enum => ValueKind.Enum,
        _ => ValueKind.Reference,
    };

    // The constant default is checked here, at compile time, against the rule the generated constructor enforces at run time.
    private static string? DefaultProblem(HyperParameterRole role, TypedConstant constant, string? minimum)
    {
        if (constant.Kind == TypedConstantKind.Array || !IsNumber(constant.Value))
        {
            return null;
        }

        double value = System.Convert.ToDouble(constant.Value, CultureInfo.InvariantCulture);
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return "a default must be a finite number";
        }

        ValueRange range = role.RangeOf();
        return !range.Admits(value) ? $"[{role}] must be {range.Bound()}"
            : minimum is not null && value < double.Parse(minimum, CultureInfo.InvariantCulture) ? $"it is below the declared Minimum {minimum}"
            : null;
    }

    /// <summary>The C# literal of an attribute argument converted to <paramref name="target"/>, or <c>null</c> when it does not fit.</summary>
    private static string? Literal(TypedConstant constant, ITypeSymbol target)
    {
        if (constant.Kind == TypedConstantKind.Error)
        {
            return null;
        }

        // int?, float?, an enum?: null is sentence-transformers' None, anything else a value of the underlying type.
        if (target is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            return constant.IsNull ? "null" : Literal(constant, nullable.TypeArguments[0]);
        }

        if (constant.IsNull)
        {
            return target.IsReferenceType && target.NullableAnnotation == NullableAnnotation.Annotated ? "null" : null;
        }

        object? value = constant.Value;
        switch (target.SpecialType)
        {
            case SpecialType.System_Single when IsNumber(value):
                return System.Convert.ToSingle(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture) + "f";
            case SpecialType.System_Double when IsNumber(value):
                return System.Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture) + "d";
            case SpecialType.System_Int32 when value is int:
            case SpecialType.System_Int64 when value is int or long:
                return System.Convert.ToString(value, CultureInfo.InvariantCulture);
            case SpecialType.System_Boolean when value is bool flag:
                return flag ? "true" : "false";
            case SpecialType.System_String when value is string text:
                return SymbolDisplay.FormatLiteral(text, quote: true);
        }

        if (target.TypeKind == TypeKind.Enum && constant.Type is INamedTypeSymbol enumType && SymbolEqualityComparer.Default.Equals(enumType, target))
        {
            string? member = DeclarationAttributes.MemberName(enumType, value);
            return member is null ? null : target.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + member;
        }

        return null;
    }

    private static bool IsNumber(object? value) => value is int or long or float or double;
}
