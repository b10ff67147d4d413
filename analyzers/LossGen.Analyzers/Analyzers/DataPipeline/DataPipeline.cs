using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace LossGen.Analyzers;

/// <summary>What one method does with data: the types it creates (loaders, samplers) and the constant batch sizes it uses.</summary>
/// <param name="Member">The method's name, for messages.</param>
/// <param name="Created">The original definitions of the types it creates.</param>
/// <param name="BatchSizes">Each constant batch size (a <c>batchSize</c> argument, a <c>Chunk(n)</c>) and where it is.</param>
internal sealed record DataPipeline(string Member, HashSet<INamedTypeSymbol> Created, IReadOnlyList<(IOperation Operation, int Size)> BatchSizes)
{
    /// <summary>Whether the method creates <paramref name="type"/> (any instantiation of it).</summary>
    public bool Creates(INamedTypeSymbol type) => Created.Contains(type.OriginalDefinition);
}
