using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using LossGen.Analyzers.Diagnostics;
using LossGen.Analyzers.Symbols;
using LossGen.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LossGen.Analyzers;

/// <summary>
/// LG1011: a loss declaring <c>[RequiresEvenEmbeddingDimension]</c> (AnglELoss) in a method that builds a model with an
/// odd constant dimension: an encoder's <c>dimension</c> argument or a <c>BertConfig</c>'s <c>HiddenSize</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EmbeddingDimensionAnalyzer : LossAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(UsageDescriptors.OddEmbeddingDimension);

    /// <inheritdoc />
    internal override void OnCompilationStart(CompilationStartAnalysisContext start, LossSymbols symbols) =>
        start.RegisterOperationBlockStartAction(block =>
        {
            var losses = new ConcurrentBag<IObjectCreationOperation>();
            var locals = new ConcurrentDictionary<ILocalSymbol, int>(SymbolEqualityComparer.Default);
            var configs = new ConcurrentBag<int>();
            block.RegisterOperationAction(
                c =>
                {
                    var creation = (IObjectCreationOperation)c.Operation;
                    if (creation.Type is INamedTypeSymbol type && symbols.IsLoss(type) && LossSymbols.Attribute(type, KnownNames.RequiresEvenEmbeddingDimensionAttribute) is not null)
                    {
                        losses.Add(creation);
                    }

                    if (Dimension(creation) is int dimension && creation.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
                    {
                        locals[declarator.Symbol] = dimension;
                    }

                    if (creation.Type?.ToDisplayString() == "LossGen.Backbones.Bert.BertConfig" && creation.Initializer is { } initializer)
                    {
                        foreach (ISimpleAssignmentOperation assignment in initializer.Initializers.OfType<ISimpleAssignmentOperation>())
                        {
                            if (assignment.Target is IPropertyReferenceOperation { Property.Name: "HiddenSize" } && assignment.Value.Unwrap().ConstantValue is { HasValue: true, Value: int hidden })
                            {
                                configs.Add(hidden);
                            }
                        }
                    }
                },
                OperationKind.ObjectCreation);
            block.RegisterOperationBlockEndAction(end =>
            {
                foreach (IObjectCreationOperation loss in losses)
                {
                    // The model handed to the loss, when its dimension is a constant here; else an odd BertConfig in the method.
                    int? dimension = loss.Argument("model")?.Value.Unwrap() switch
                    {
                        IObjectCreationOperation model => Dimension(model),
                        ILocalReferenceOperation reference => locals.TryGetValue(reference.Local, out int known) ? known : null,
                        _ => null,
                    };
                    dimension ??= configs.FirstOrDefault(d => d % 2 != 0) is int odd && odd != 0 ? odd : null;
                    if (dimension is int value && value % 2 != 0)
                    {
                        end.ReportDiagnostic(Diagnostic.Create(UsageDescriptors.OddEmbeddingDimension, loss.Syntax.GetLocation(), loss.Type!.Name, end.OwningSymbol.Name, value));
                    }
                }
            });
        });

    // An encoder created with a constant 'dimension' argument.
    private static int? Dimension(IObjectCreationOperation creation) =>
        creation.Argument("dimension")?.Value.Unwrap().ConstantValue is { HasValue: true, Value: int dimension } ? dimension : null;
}
