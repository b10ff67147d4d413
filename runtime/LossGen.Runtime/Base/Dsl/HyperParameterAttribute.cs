using System;

namespace LossGen;

/// <summary>
/// Declares a hyper-parameter with no special role on a <c>partial</c> get-only property. The generator adds a
/// constructor parameter (optional when a default is given, required otherwise) and a <c>GetConfigDictionary</c> entry
/// named in snake_case, as sentence-transformers names it.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class HyperParameterAttribute : Attribute
{
    /// <summary>A required hyper-parameter: the constructor parameter has no default.</summary>
    public HyperParameterAttribute()
    {
    }

    /// <summary>An optional hyper-parameter with <paramref name="defaultValue"/> as its default.</summary>
    public HyperParameterAttribute(object? defaultValue)
    {
        Default = defaultValue;
        HasDefault = true;
    }

    /// <summary>The default value.</summary>
    public object? Default { get; }

    /// <summary>Whether a default was given.</summary>
    public bool HasDefault { get; }

    /// <summary>The smallest allowed value of a numeric hyper-parameter, checked at construction.</summary>
    public double Minimum { get; set; } = double.NegativeInfinity;
}
