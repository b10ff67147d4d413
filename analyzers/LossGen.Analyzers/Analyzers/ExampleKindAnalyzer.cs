using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LossGen.Analyzers.Diagnostics;
using LossGen.Analyzers.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LossGen.Analyzers;

/// <summary>
/// Flags data of the wrong kind for a loss, wherever the example type is known at compile time: typed examples passed
/// to a loss's <c>CollateBatch</c>, sentence-transformers-style <c>InputExample</c>s built in the same method with the
/// wrong number of texts or without the label the loss needs, and unlabelled examples given to GroupByLabelBatchSampler.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ExampleKindAnalyzer : LossAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(UsageDescriptors.WrongExampleKind);

    /// <inheritdoc />
    internal override void OnCompilationStart(CompilationStartAnalysisContext start, LossSymbols symbols)
    {
        start.RegisterOperationBlockStartAction(block =>
        {
            var inputExamples = new ConcurrentBag<IObjectCreationOperation>();
            var collations = new ConcurrentBag<(IInvocationOperation Invocation, INamedTypeSymbol Loss)>();
            block.RegisterOperationAction(c => OnCreation(c, symbols, inputExamples), OperationKind.ObjectCreation);
            block.RegisterOperationAction(c => OnInvocation(c, symbols, collations), OperationKind.Invocation);
            block.RegisterOperationBlockEndAction(end => CheckInputExamples(end, inputExamples, collations));
        });
    }

    private static void OnCreation(OperationAnalysisContext context, LossSymbols symbols, ConcurrentBag<IObjectCreationOperation> inputExamples)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (SymbolEqualityComparer.Default.Equals(creation.Type, symbols.InputExample))
        {
            inputExamples.Add(creation);
        }
        else if (creation.Type is INamedTypeSymbol { IsGenericType: true } sampler
            && SymbolEqualityComparer.Default.Equals(sampler.OriginalDefinition, symbols.GroupByLabelSampler)
            && LossSymbols.KindOfExample(sampler.TypeArguments[0]) is { } kind && kind.LabelOf() != LabelKind.ClassId)
        {
            context.ReportDiagnostic(Diagnostic.Create(UsageDescriptors.WrongExampleKind, creation.Syntax.GetLocation(), sampler.Name, "class-labelled", $"{sampler.TypeArguments[0].Name} has no class label"));
        }
    }

    private static void OnInvocation(OperationAnalysisContext context, LossSymbols symbols, ConcurrentBag<(IInvocationOperation, INamedTypeSymbol)> collations)
    {
        var invocation = (IInvocationOperation)context.Operation;
        IMethodSymbol method = invocation.TargetMethod;
        INamedTypeSymbol? loss = method.Name switch
        {
            "CollateBatch" => invocation.Instance?.KnownType() as INamedTypeSymbol,
            "Collate" when method.IsStatic => method.ContainingType,
            _ => null,
        };
        if (loss is null || !symbols.IsLoss(loss) || LossSymbols.InputKind(loss) is not { } required)
        {
            return;
        }

        collations.Add((invocation, loss));
        if (method.Name == "CollateBatch" && method.TypeArguments.FirstOrDefault() is { } example
            && LossSymbols.KindOfExample(example) is { } given && !required.Accepts(given))
        {
            context.ReportDiagnostic(Diagnostic.Create(UsageDescriptors.WrongExampleKind, invocation.Syntax.GetLocation(), loss.Name, required.Describe(), $"{example.Name} holds {given.Describe()} data"));
        }
    }

    // InputExample(texts, label) built in this method and collated for a loss: check text counts and labels.
    private static void CheckInputExamples(OperationBlockAnalysisContext context, ConcurrentBag<IObjectCreationOperation> inputExamples, ConcurrentBag<(IInvocationOperation Invocation, INamedTypeSymbol Loss)> collations)
    {
        foreach ((IInvocationOperation invocation, INamedTypeSymbol loss) in collations)
        {
            InputKind required = LossSymbols.InputKind(loss)!.Value;
            int min = required.MinColumns();
            int? max = required.MaxColumns();
            bool needsLabel = required.LabelOf() != LabelKind.None;
            foreach (IObjectCreationOperation example in inputExamples.Where(e => FeedsInto(e, invocation)))
            {
                int? texts = example.Argument("Texts") is { } textsArgument ? Count(textsArgument.Value) : null;
                bool hasLabel = example.Argument("Label") is { } label && !(label.Value.Unwrap() is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } });
                string? problem = texts is int n && (n < min || (max is int most && n > most)) ? $"an InputExample here has {n} text(s)"
                    : needsLabel && !hasLabel ? "an InputExample here has no label"
                    : null;
                if (problem is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(UsageDescriptors.WrongExampleKind, example.Syntax.GetLocation(), loss.Name, required.Describe(), problem));
                }
            }
        }
    }

    // Whether an InputExample reaches a collation: written inside its argument, or inside the initializer of (or an
    // Add call on) the local variable passed as its argument.
    private static bool FeedsInto(IObjectCreationOperation example, IInvocationOperation collation)
    {
        IOperation? argument = collation.Arguments.FirstOrDefault()?.Value.Unwrap();
        if (argument is null)
        {
            return false;
        }

        if (argument.Syntax.Span.Contains(example.Syntax.Span))
        {
            return true;
        }

        if (argument is not ILocalReferenceOperation { Local: { } local })
        {
            return false;
        }

        if (local.DeclaringSyntaxReferences.Any(r => r.Span.Contains(example.Syntax.Span)))
        {
            return true;
        }

        for (IOperation? parent = example.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IInvocationOperation { Instance: ILocalReferenceOperation target } && SymbolEqualityComparer.Default.Equals(target.Local, local))
            {
                return true;
            }
        }

        return false;
    }

    private static int? Count(IOperation operation)
    {
        IOperation value = operation.Unwrap();
        return value switch
        {
            IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues.Length,
            _ when value.Kind.ToString() == "CollectionExpression" => value.ChildOperations.Count,
            _ => null,
        };
    }
}
