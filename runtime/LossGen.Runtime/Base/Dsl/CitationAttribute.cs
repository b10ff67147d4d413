using System;

namespace LossGen;

/// <summary>The BibTeX entry a model card cites for this loss, as sentence-transformers' <c>citation</c> property.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CitationAttribute(string bibtex) : Attribute
{
    /// <summary>The BibTeX text.</summary>
    public string Bibtex { get; } = bibtex;
}
