using System;

namespace LossGen;

/// <summary>
/// Declares that a loss trains an independent copy of the model (Contrastive Tension's <c>model1</c>): the generator adds
/// a <c>CopyModel</c> registered as the loss's own parameters, and a <c>Compute</c> that embeds the first column with the
/// copy and the second with the model. The model must implement <see cref="SentenceTransformers.ICopyableSentenceEncoder"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TrainsModelCopyAttribute : Attribute
{
}
