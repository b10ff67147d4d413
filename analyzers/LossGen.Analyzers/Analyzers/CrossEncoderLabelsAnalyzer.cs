using System.Collections.Concurrent;
using System.Collections.Immutable;
using LossGen.Analyzers.Diagnostics;
using LossGen.Analyzers.Symbols;
using LossGen.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LossGen.Analyzers;

/// <summary>
/// LG1012 and LG1013: a cross-encoder loss given a model whose number of labels it cannot use, when the method builds
/// the model with a constant <c>numLabels</c> (<c>CrossEncoder.Load(…, numLabels: 3)</c>, or
/// <c>CrossEncoder.FromSentenceTransformer</c>'s one label): a loss that reads one logit per pair with several labels,
/// or CrossEntropyLoss (class ids over the logits) with one. sentence-transformers only finds out when the loss is built.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CrossEncoderLabelsAnalyzer : LossAnalyzer
{
    private const string CrossEncoder = "LossGen.CrossEncoders.CrossEncoder";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(UsageDescriptors.OneLogitLossWithSeveralLabels, UsageDescriptors.ClassLossWithOneLabel);

    /// <inheritdoc />
    internal override void OnCompilationStart(CompilationStartAnalysisContext start, LossSymbols symbols) =>
        start.RegisterOperationBlockStartAction(block =>
        {
            var losses = new ConcurrentBag<IObjectCreationOperation>();
            var labels = new ConcurrentDictionary<ILocalSymbol, int>(SymbolEqualityComparer.Default);
            block.RegisterOperationAction(
                c =>
                {
                    var creation = (IObjectCreationOperation)c.Operation;
                    if (creation.Type is INamedTypeSymbol type && symbols.IsLoss(type) && IsCrossEncoderLoss(type))
                    {
                        losses.Add(creation);
                    }
                },
                OperationKind.ObjectCreation);
            block.RegisterOperationAction(
                c =>
                {
                    var invocation = (IInvocationOperation)c.Operation;
                    if (Labels(invocation) is int count && invocation.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
                    {
                        labels[declarator.Symbol] = count;
                    }
                },
                OperationKind.Invocation);
            block.RegisterOperationBlockEndAction(end =>
            {
                foreach (IObjectCreationOperation loss in losses)
                {
                    int? count = loss.Argument("model")?.Value.Unwrap() switch
                    {
                        IInvocationOperation model => Labels(model),
                        ILocalReferenceOperation reference => labels.TryGetValue(reference.Local, out int known) ? known : null,
                        _ => null,
                    };
                    bool classIds = LossSymbols.InputKind((INamedTypeSymbol)loss.Type!)?.LabelOf() == LabelKind.ClassId;
                    if (count is int several && several != 1 && !classIds)
                    {
                        end.ReportDiagnostic(Diagnostic.Create(UsageDescriptors.OneLogitLossWithSeveralLabels, loss.Syntax.GetLocation(), loss.Type!.Name, end.OwningSymbol.Name, several));
                    }
                    else if (count == 1 && classIds)
                    {
                        end.ReportDiagnostic(Diagnostic.Create(UsageDescriptors.ClassLossWithOneLabel, loss.Syntax.GetLocation(), loss.Type!.Name, end.OwningSymbol.Name));
                    }
                }
            });
        });

    private static bool IsCrossEncoderLoss(INamedTypeSymbol type) =>
        LossSymbols.Attribute(type, KnownNames.LossAttribute)?.ConstructorArguments is [{ Value: int family }] && family == (int)ModelFamily.CrossEncoder;

    // CrossEncoder.Load / FromSentenceTransformer with a constant numLabels, given or by default.
    private static int? Labels(IInvocationOperation invocation)
    {
        if (invocation.TargetMethod.ContainingType?.ToDisplayString() != CrossEncoder)
        {
            return null;
        }

        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == "numLabels" && argument.Value.Unwrap().ConstantValue is { HasValue: true, Value: int count })
            {
                return count;
            }
        }

        return null;
    }
}
