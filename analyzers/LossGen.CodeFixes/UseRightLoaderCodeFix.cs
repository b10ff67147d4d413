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

namespace LossGen.CodeFixes;

/// <summary>
/// LG1005 and LG1006: switches a method to the right loader. A list of sentences batched with <c>.Chunk(n)</c> for a loss
/// that requires a loader gets that loader (ContrastiveTensionDataLoader batches, or a DenoisingAutoEncoderDataset
/// chunked); a refused ContrastiveTensionDataLoader becomes ordinary (sentence, sentence) batches without duplicates.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseRightLoaderCodeFix))]
[Shared]
public sealed class UseRightLoaderCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(UsageDescriptors.MissingLoaderId, UsageDescriptors.RefusedLoaderId);

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        Diagnostic diagnostic = context.Diagnostics[0];
        if (!diagnostic.Properties.TryGetValue("Loader", out string? loader) || loader is null)
        {
            return;
        }

        if (await DiagnosticScope.FindAsync(context, diagnostic).ConfigureAwait(false) is not var (member, model))
        {
            return;
        }

        string shortName = loader.Split('.').Last();
        if (diagnostic.Id == UsageDescriptors.MissingLoaderId)
        {
            InvocationExpressionSyntax? chunk = member.DescendantNodes().OfType<InvocationExpressionSyntax>().FirstOrDefault(i =>
                i.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Chunk" } access
                && i.ArgumentList.Arguments.Count == 1
                && IsListOfStrings(model.GetTypeInfo(access.Expression, context.CancellationToken).Type));
            if (chunk is not null && model.Compilation.GetTypeByMetadataName(loader) is { } loaderType)
            {
                var sentences = ((MemberAccessExpressionSyntax)chunk.Expression).Expression.WithoutTrivia().ToString();
                string size = chunk.ArgumentList.Arguments[0].WithoutTrivia().ToString();
                bool batches = loaderType.AllInterfaces.Any(i => i.Name == "IEnumerable" && i.TypeArguments.Length == 1 && i.TypeArguments[0].Name == "IReadOnlyList");
                string replacement = batches ? $"new {loader}({sentences}, {size})" : $"new {loader}({sentences}).Chunk({size})";
                Register(context, diagnostic, $"Batch with {shortName}", chunk, replacement);
            }
        }
        else
        {
            ObjectCreationExpressionSyntax? creation = member.DescendantNodes().OfType<ObjectCreationExpressionSyntax>()
                .FirstOrDefault(c => model.GetTypeInfo(c, context.CancellationToken).Type?.ToDisplayString() == loader);
            if (creation?.ArgumentList is { Arguments.Count: >= 2 } arguments)
            {
                string sentences = arguments.Arguments[0].Expression.WithoutTrivia().ToString();
                string size = arguments.Arguments[1].Expression.WithoutTrivia().ToString();
                Register(context, diagnostic, "Use (sentence, sentence) batches without duplicates", creation,
                    $"new LossGen.NoDuplicatesBatchSampler<LossGen.PairExample>({sentences}.Select(s => new LossGen.PairExample(s, s)).ToList(), {size})");
            }
        }
    }

    private static void Register(CodeFixContext context, Diagnostic diagnostic, string title, SyntaxNode target, string replacement) =>
        context.RegisterCodeFix(CodeAction.Create(title, token => Replace(context.Document, target, replacement, token), title), diagnostic);

    private static bool IsListOfStrings(ITypeSymbol? type) =>
        type is not null && type.AllInterfaces.Concat(type is INamedTypeSymbol named ? [named] : [])
            .Any(i => i.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.IReadOnlyList<T>" && i.TypeArguments[0].SpecialType == SpecialType.System_String);

    private static async Task<Document> Replace(Document document, SyntaxNode target, string replacement, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        ExpressionSyntax expression = SyntaxFactory.ParseExpression(replacement).WithTriviaFrom(target);
        return document.WithSyntaxRoot(root.ReplaceNode(target, expression));
    }
}
