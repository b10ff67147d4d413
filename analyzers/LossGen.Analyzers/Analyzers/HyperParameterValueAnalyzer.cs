using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using LossGen.Analyzers.Diagnostics;
using LossGen.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LossGen.Analyzers;

/// <summary>
/// Checks constant hyper-parameters at the call site, by the role attribute on the declaration's property: negative
/// margins, non-positive scales, temperatures and mini-batch sizes, values below a declared minimum, Matryoshka dims
/// that are not positive and strictly decreasing or weights of another length, and a ContrastiveTensionDataLoader batch
/// size that its pos_neg_ratio does not divide.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HyperParameterValueAnalyzer : LossAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(UsageDescriptors.HyperParameterOutOfRange);

    /// <inheritdoc />
    internal override void OnCompilationStart(CompilationStartAnalysisContext start, LossSymbols symbols)
    {
        start.RegisterOperationAction(c => Analyze(c, symbols), OperationKind.ObjectCreation);
    }

    private static void Analyze(OperationAnalysisContext context, LossSymbols symbols)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type is not INamedTypeSymbol type)
        {
            return;
        }

        if (type.Name == "ContrastiveTensionDataLoader")
        {
            CheckDivisible(context, creation, type.Name);
            return;
        }

        if (!symbols.IsLoss(type))
        {
            return;
        }

        foreach (IArgumentOperation argument in creation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is null
                || LossSymbols.HyperParameter(type, argument.Parameter.Name) is not { } hyperParameter)
            {
                continue;
            }

            string name = PythonNaming.ToSnakeCase(argument.Parameter.Name);
            if (Number(argument.Value) is double value)
            {
                ValueRange range = hyperParameter.Role.RangeOf();
                string? expected = !range.Admits(value) ? range.Bound()
                    : hyperParameter.Role == HyperParameterRole.Plain && Minimum(hyperParameter.Property) is double minimum && value < minimum ? ">= " + minimum.ToString(CultureInfo.InvariantCulture)
                    : null;
                if (expected is not null)
                {
                    Report(context, argument, type.Name, name, value.ToString(CultureInfo.InvariantCulture), expected);
                }
            }
        }

        CheckMatryoshka(context, creation, type.Name);
    }

    private static void CheckMatryoshka(OperationAnalysisContext context, IObjectCreationOperation creation, string loss)
    {
        if (creation.Argument("matryoshkaDims") is not { } dimsArgument || Numbers(dimsArgument.Value) is not { } dims)
        {
            return;
        }

        if (dims.Length == 0 || dims.Any(d => d <= 0))
        {
            Report(context, dimsArgument, loss, "matryoshka_dims", Show(dims), "a non-empty list of dimensions > 0");
        }
        else if (dims.Zip(dims.Skip(1), (a, b) => a <= b).Any(x => x))
        {
            Report(context, dimsArgument, loss, "matryoshka_dims", Show(dims), "strictly decreasing (largest first), as the loss applies them");
        }

        if (creation.Argument("matryoshkaWeights") is { } weightsArgument && Numbers(weightsArgument.Value) is { } weights && weights.Length != dims.Length)
        {
            Report(context, weightsArgument, loss, "matryoshka_weights", Show(weights), $"one weight per dimension ({dims.Length})");
        }
    }

    private static void CheckDivisible(OperationAnalysisContext context, IObjectCreationOperation creation, string loader)
    {
        double? batchSize = creation.Argument("batchSize") is { } b ? Number(b.Value) : null;
        IArgumentOperation? ratioArgument = creation.Argument("posNegRatio");
        double? ratio = ratioArgument is null ? 8 : Number(ratioArgument.Value);
        if (batchSize is double size && ratio is double r && r > 0 && size % r != 0)
        {
            Report(context, creation.Argument("batchSize")!, loader, "batch_size", size.ToString(CultureInfo.InvariantCulture), $"divisible by pos_neg_ratio ({r.ToString(CultureInfo.InvariantCulture)})");
        }
    }

    private static void Report(OperationAnalysisContext context, IArgumentOperation argument, string owner, string name, string value, string expected) =>
        context.ReportDiagnostic(Diagnostic.Create(UsageDescriptors.HyperParameterOutOfRange, argument.Syntax.GetLocation(), owner, name, value, expected));

    private static double? Number(IOperation operation) =>
        operation.Unwrap().ConstantValue is { HasValue: true, Value: { } value } && value is int or long or float or double or short
            ? Convert.ToDouble(value, CultureInfo.InvariantCulture)
            : null;

    // The elements of an array creation or collection expression, when every one is a constant number.
    private static double[]? Numbers(IOperation operation)
    {
        IOperation value = operation.Unwrap();
        System.Collections.Generic.IEnumerable<IOperation>? elements = value switch
        {
            IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
            _ when value.Kind.ToString() == "CollectionExpression" => value.ChildOperations,
            _ => null,
        };
        if (elements is null)
        {
            return null;
        }

        double?[] numbers = elements.Select(Number).ToArray();
        return numbers.All(n => n.HasValue) ? numbers.Select(n => n!.Value).ToArray() : null;
    }

    private static double? Minimum(IPropertySymbol property) =>
        property.GetAttributes().SelectMany(a => a.NamedArguments).FirstOrDefault(a => a.Key == "Minimum").Value.Value is double minimum ? minimum : null;

    private static string Show(double[] values) => "[" + string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]";
}
