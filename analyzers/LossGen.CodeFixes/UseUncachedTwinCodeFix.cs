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

/// <summary>LG1001: swaps a gradient-cached loss inside a wrapper for its uncached twin, dropping the cache-only arguments.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseUncachedTwinCodeFix))]
[Shared]
public sealed class UseUncachedTwinCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(UsageDescriptors.WrappedRefusedLossId);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        Diagnostic diagnostic = context.Diagnostics[0];
        if (!diagnostic.Properties.TryGetValue("Twin", out string? twin) || twin is null)
        {
            return;
        }

        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not { } node
            || node.FirstAncestorOrSelf<ObjectCreationExpressionSyntax>() is not { } creation)
        {
            return;
        }

        string title = $"Use {twin.Split('.').Last()}";
        context.RegisterCodeFix(CodeAction.Create(title, token => Swap(context.Document, creation, twin, token), title), diagnostic);
    }

    private static async Task<Document> Swap(Document document, ObjectCreationExpressionSyntax creation, string twin, CancellationToken cancellationToken)
    {
        SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var twinType = model?.Compilation.GetTypeByMetadataName(twin);
        var twinParameters = twinType?.InstanceConstructors.SelectMany(c => c.Parameters).Select(p => p.Name).ToImmutableHashSet() ?? ImmutableHashSet<string>.Empty;

        // Named arguments the twin does not have (mini_batch_size) go; positional ones keep their place.
        ArgumentListSyntax? arguments = creation.ArgumentList;
        if (arguments is not null)
        {
            arguments = arguments.WithArguments(SyntaxFactory.SeparatedList(arguments.Arguments.Where(a => a.NameColon is null || twinParameters.Contains(a.NameColon.Name.Identifier.ValueText))));
        }

        ObjectCreationExpressionSyntax replacement = creation
            .WithType(SyntaxFactory.ParseTypeName("global::" + twin).WithTriviaFrom(creation.Type).WithAdditionalAnnotations(Simplifier.Annotation))
            .WithArgumentList(arguments);
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        return document.WithSyntaxRoot(root.ReplaceNode(creation, replacement));
    }
}
