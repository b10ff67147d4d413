using System.Collections.Generic;
using System.Globalization;
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
        if (InvalidTypeReason(type, declaration) is string reason)
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

        AttributeData? requiresInput = Find(type, KnownNames.RequiresInputAttribute);
        AttributeData? wraps = Find(type, KnownNames.WrapsAttribute);
        InputKind? inputKind = EnumMember<InputKind>(requiresInput, name, location, diagnostics);
        Pairing? pairing = EnumMember<Pairing>(Find(type, KnownNames.PairingAttribute), name, location, diagnostics);
        Objective? objective = EnumMember<Objective>(Find(type, KnownNames.ObjectiveAttribute), name, location, diagnostics);
        SimilarityFunction? fixedSimilarity = EnumMember<SimilarityFunction>(Find(type, HyperParameterRole.Similarity.AttributeName()), name, location, diagnostics);
        if (diagnostics.Count > 0)
        {
            return new LossGenerationResult(null, new EquatableArray<DiagnosticInfo>(diagnostics));
        }

        if (wraps is null && inputKind is null)
        {
            return Fail(diagnostics, DiagnosticDescriptors.MissingInputKind, location, name);
        }

        bool isGuided = Find(type, KnownNames.GuidedAttribute) is not null;
        bool trainsModelCopy = Find(type, KnownNames.TrainsModelCopyAttribute) is not null;
        bool isTextOnly = Find(type, KnownNames.TextOnlyAttribute) is not null;
        AttributeData? gradientCache = Find(type, KnownNames.GradientCacheAttribute);
        int? maxColumns = requiresInput?.NamedArguments.FirstOrDefault(a => a.Key == "MaxColumns").Value is { IsNull: false, Value: int bound } && bound > 0 ? bound : null;

        List<HyperParameterModel> hyperParameters = ReadHyperParameters(type, diagnostics, cancellationToken);
        IMethodSymbol? mathMethod = type.GetMembers().OfType<IMethodSymbol>().FirstOrDefault(m => Find(m, KnownNames.LossMathAttribute) is not null);

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
            GrammarCheck.Check(name, declaredPairing, declaredObjective, inputKind, isGuided, fixedSimilarity, hyperParameters, location, diagnostics);
        }

        if (gradientCache is not null && !hyperParameters.Any(p => p.Role == HyperParameterRole.MiniBatchSize))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GradientCacheWithoutMiniBatch, location, name));
        }

        if (gradientCache is not null
            && (gradientCache.ConstructorArguments.FirstOrDefault().Value is not INamedTypeSymbol { TypeKind: not TypeKind.Error } twinCandidate || Find(twinCandidate, KnownNames.LossAttribute) is null))
        {
            string named = gradientCache.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList.Arguments: [{ Expression: TypeOfExpressionSyntax typeOf }, ..] }
                ? typeOf.Type.ToString()
                : (gradientCache.ConstructorArguments.FirstOrDefault().Value as ITypeSymbol)?.ToDisplayString() ?? "nothing";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UncachedTwinNotALoss, location, name, named));
        }

        InputKind effectiveKind = inputKind ?? InputKind.AnchorPositiveNegatives;
        MathMethodModel? math = mathMethod is null ? null : ReadMath(type, mathMethod, effectiveKind, isGuided, wraps is not null, diagnostics);

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
        string? citation = Find(type, KnownNames.CitationAttribute)?.ConstructorArguments.FirstOrDefault().Value as string;
        bool hasOnCreated = HasOnCreated(type);

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
            citation);
        return new LossGenerationResult(model, new EquatableArray<DiagnosticInfo>(diagnostics));
    }

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

    private static MathMethodModel? ReadMath(INamedTypeSymbol type, IMethodSymbol method, InputKind inputKind, bool isGuided, bool isWrapper, List<DiagnosticInfo> diagnostics)
    {
        Location location = method.Locations.FirstOrDefault() ?? Location.None;
        var arguments = new List<string>();
        string? problem = method.ReturnType.ToDisplayString() != KnownNames.TorchTensor ? "it must return a Tensor" : null;
        int column = 0;
        bool hasLabels = inputKind.LabelOf() != LabelKind.None;
        int minColumns = inputKind.MinColumns();
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (problem is not null)
            {
                break;
            }

            string parameterType = parameter.Type.ToDisplayString();
            if (parameterType == KnownNames.EmbeddingBatch)
            {
                arguments.Add("batch");
            }
            else if (parameterType == "System.Collections.Generic.IReadOnlyList<" + KnownNames.TorchTensor + ">")
            {
                if (parameter.Name == "guideColumns")
                {
                    if (!isGuided)
                    {
                        problem = "'guideColumns' needs a [Guided] loss";
                    }

                    arguments.Add("batch.GuideColumns!");
                }
                else
                {
                    arguments.Add("batch.Columns");
                }
            }
            else if (parameterType == KnownNames.TorchTensor && parameter.Name == "labels")
            {
                if (!hasLabels && !isWrapper)
                {
                    problem = $"input kind '{inputKind}' has no labels";
                }

                arguments.Add("batch.Labels!");
            }
            else if (parameterType == KnownNames.TorchTensor)
            {
                if (column >= minColumns)
                {
                    problem = $"parameter '{parameter.Name}' would be text column {column}, but input kind '{inputKind}' guarantees only {minColumns}; take 'IReadOnlyList<Tensor> columns' instead";
                }

                arguments.Add($"batch.Columns[{column++}]");
            }
            else
            {
                problem = $"parameter '{parameter.Name}' of type '{parameterType}' is neither an embedding tensor, 'labels', 'columns', 'guideColumns' nor an EmbeddingBatch";
            }
        }

        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MathSignatureMismatch, location, type.Name, method.Name, inputKind.ToString(), problem));
            return null;
        }

        return new MathMethodModel(method.Name, new EquatableArray<string>(arguments));
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

    private static ValueKind KindOf(ITypeSymbol type) => type.SpecialType switch
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
            string? member = MemberName(enumType, value);
            return member is null ? null : target.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + member;
        }

        return null;
    }

    private static bool IsNumber(object? value) => value is int or long or float or double;

    // By member name, not value: the generator's copy of a DSL enum is the runtime's source, but names are what users read.
    private static TEnum? EnumMember<TEnum>(AttributeData? attribute, string owner, Location location, List<DiagnosticInfo> diagnostics)
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

    // What makes a declaration something the generator cannot complete into a compiling SentenceLoss, or null.
    private static string? InvalidTypeReason(INamedTypeSymbol type, TypeDeclarationSyntax declaration)
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

    private static string? MemberName(INamedTypeSymbol enumType, object? value) =>
        enumType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value))?.Name;

    private static AttributeData? Find(ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == metadataName);

    private static LossGenerationResult Fail(List<DiagnosticInfo> diagnostics, DiagnosticDescriptor descriptor, Location location, params string[] arguments)
    {
        diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
        return new LossGenerationResult(null, new EquatableArray<DiagnosticInfo>(diagnostics));
    }
}
