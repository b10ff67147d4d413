using System;

namespace LossGen;

/// <summary>Declares that a loss uses a frozen guide model (GISTEmbed): the generator adds a <c>guide</c> constructor parameter.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GuidedAttribute : Attribute
{
}
