using System.Linq;
using LossGen.Analyzers.Symbols;
using LossGen.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LossGen.Analyzers;

/// <summary>What a loss's <c>[BatchSizeAdvice]</c> says: a minimum batch size, and whether its mini-batch size must divide the batch size.</summary>
/// <param name="Minimum">The smallest batch the loss is meant for (0: none).</param>
/// <param name="MiniBatch">The mini-batch size the creation passes or the declaration defaults to, when it must divide the batch size.</param>
internal sealed record BatchSizeAdvice(int Minimum, int? MiniBatch)
{
    /// <summary>The advice of the loss <paramref name="creation"/> creates, or <c>null</c> when its declaration gives none.</summary>
    public static BatchSizeAdvice? Of(IObjectCreationOperation creation, INamedTypeSymbol loss)
    {
        if (LossSymbols.Attribute(loss, KnownNames.BatchSizeAdviceAttribute) is not { } advice)
        {
            return null;
        }

        int minimum = advice.NamedArguments.FirstOrDefault(a => a.Key == "Minimum").Value.Value is int m ? m : 0;
        bool divides = advice.NamedArguments.FirstOrDefault(a => a.Key == "MiniBatchDivides").Value.Value is true;
        int? miniBatch = creation.Argument("miniBatchSize")?.Value.Unwrap().ConstantValue is { HasValue: true, Value: int given } ? given
            : LossSymbols.HyperParameter(loss, "miniBatchSize") is { } parameter && parameter.Property.GetAttributes().FirstOrDefault()?.ConstructorArguments.FirstOrDefault().Value is int declared ? declared
            : null;
        return new BatchSizeAdvice(minimum, divides ? miniBatch : null);
    }
}
