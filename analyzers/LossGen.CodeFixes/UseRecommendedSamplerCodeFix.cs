using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LossGen.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace LossGen.CodeFixes;

/// <summary>
/// LG1007: batches an example list with the sampler the loss recommends. In the method that creates the loss,
/// <c>examples.Chunk(n)</c> over a list of training examples becomes <c>new NoDuplicatesBatchSampler&lt;T&gt;(examples, n)</c>
/// (or GroupByLabelBatchSampler for the batch triplet losses).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseRecommendedSamplerCodeFix))]
[Shared]
public sealed class UseRecommendedSamplerCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(UsageDescriptors.MissingSamplerId);

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        Diagnostic diagnostic = context.Diagnostics[0];
        if (!diagnostic.Properties.TryGetValue("Sampler", out string? sampler) || sampler is null)
        {
            return;
        }

        if (await DiagnosticScope.FindAsync(context, diagnostic).ConfigureAwait(false) is not var (member, model))
        {
            return;
        }

        string samplerName = sampler.Split('<')[0];
        foreach (InvocationExpressionSyntax chunk in member.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (chunk.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Chunk" } access
                && chunk.ArgumentList.Arguments.Count == 1
                && ExampleType(model.GetTypeInfo(access.Expression, context.CancellationToken).Type) is { } example)
            {
                string title = $"Batch with {samplerName.Split('.').Last()}";
                context.RegisterCodeFix(
                    CodeAction.Create(title, token => Replace(context.Document, chunk, access.Expression, samplerName, example, token), title),
                    diagnostic);
                return;
            }
        }
    }

    // The T of a receiver that is an IReadOnlyList<T> of training examples.
    private static ITypeSymbol? ExampleType(ITypeSymbol? type)
    {
        INamedTypeSymbol? list = type?.AllInterfaces.Concat(type is INamedTypeSymbol named ? [named] : [])
            .FirstOrDefault(i => i.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.IReadOnlyList<T>");
        ITypeSymbol? element = list?.TypeArguments[0];
        return element is not null && element.AllInterfaces.Any(i => i.ToDisplayString() == "LossGen.ITrainingExample") ? element : null;
    }

    private static async Task<Document> Replace(Document document, InvocationExpressionSyntax chunk, ExpressionSyntax examples, string sampler, ITypeSymbol example, CancellationToken cancellationToken)
    {
        TypeSyntax type = SyntaxFactory.ParseTypeName($"global::{sampler}<{example.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)}>")
            .WithAdditionalAnnotations(Simplifier.Annotation);
        ExpressionSyntax replacement = SyntaxFactory.ObjectCreationExpression(
                SyntaxFactory.Token(SyntaxKind.NewKeyword).WithTrailingTrivia(SyntaxFactory.Space),
                type,
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[] { SyntaxFactory.Argument(examples.WithoutTrivia()), chunk.ArgumentList.Arguments[0].WithoutTrivia() })),
                initializer: null)
            .WithTriviaFrom(chunk);
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        return document.WithSyntaxRoot(root.ReplaceNode(chunk, replacement));
    }
}
