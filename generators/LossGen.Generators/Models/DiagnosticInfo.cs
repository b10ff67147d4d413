using System;
using LossGen.Generators.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LossGen.Generators.Models;

/// <summary>A diagnostic as data: no symbol is kept alive, so the pipeline can compare it.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, string? FilePath, TextSpan Span, LinePositionSpan LineSpan, EquatableArray<string> Arguments)
    : IEquatable<DiagnosticInfo>
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments)
    {
        FileLinePositionSpan lines = location?.GetLineSpan() ?? default;
        return new DiagnosticInfo(descriptor, location?.SourceTree?.FilePath, location?.SourceSpan ?? default, lines.Span, new EquatableArray<string>(arguments));
    }

    /// <summary>The diagnostic, located in the syntax tree of <paramref name="compilation"/> it was read from, so that it can be suppressed in source.</summary>
    public Diagnostic ToDiagnostic(Compilation compilation)
    {
        SyntaxTree? tree = FilePath is null ? null : System.Linq.Enumerable.FirstOrDefault(compilation.SyntaxTrees, t => t.FilePath == FilePath);
        Location location = tree is not null ? Location.Create(tree, Span)
            : FilePath is null ? Location.None
            : Location.Create(FilePath, Span, LineSpan);
        return Diagnostic.Create(Descriptor, location, System.Linq.Enumerable.ToArray<object>(Arguments));
    }
}
