using System;

namespace LossGen;

/// <summary>
/// The distance metric hyper-parameter (<c>distance_metric</c>) on a <c>partial</c> property whose type is
/// <see cref="SiameseDistanceMetric"/>, <see cref="TripletDistanceMetric"/> or <see cref="BatchDistanceMetric"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class DistanceAttribute(object defaultMetric) : Attribute
{
    /// <summary>The default metric, a member of the property's enum.</summary>
    public object Default { get; } = defaultMetric;
}
