using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossGen.CodeFixes;

/// <summary>The member a method-level diagnostic was reported in, with the semantic model to inspect it.</summary>
internal static class DiagnosticScope
{
    /// <summary>The member declaration around <paramref name="diagnostic"/> and its semantic model, or <c>null</c>.</summary>
    public static async Task<(MemberDeclarationSyntax Member, SemanticModel Model)?> FindAsync(CodeFixContext context, Diagnostic diagnostic)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        MemberDeclarationSyntax? member = root?.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<MemberDeclarationSyntax>();
        return member is null || model is null ? null : (member, model);
    }
}
