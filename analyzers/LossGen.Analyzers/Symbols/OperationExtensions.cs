using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LossGen.Analyzers.Symbols;

internal static class OperationExtensions
{
    /// <summary>The operation under any implicit or explicit conversions.</summary>
    public static IOperation Unwrap(this IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>The most specific type known for a value: a created object's type, or the declared type.</summary>
    public static ITypeSymbol? KnownType(this IOperation operation) => operation.Unwrap().Type;

    /// <summary>The argument bound to parameter <paramref name="name"/>, if given explicitly.</summary>
    public static IArgumentOperation? Argument(this IObjectCreationOperation creation, string name)
    {
        foreach (IArgumentOperation argument in creation.Arguments)
        {
            if (argument.Parameter?.Name == name && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                return argument;
            }
        }

        return null;
    }
}
