using System;

namespace LossGen;

/// <summary>
/// How sentence-transformers spells an enum member in a loss's <c>get_config_dict()</c>, when it is not the member's
/// own name (a class path, a lower-case string); <see cref="PythonNames.Of"/> reads it.
/// </summary>
/// <param name="name">The Python spelling.</param>
[AttributeUsage(AttributeTargets.Field, Inherited = false)]
public sealed class PythonNameAttribute(string name) : Attribute
{
    /// <summary>The Python spelling.</summary>
    public string Name { get; } = name;
}
