using System;
using System.ComponentModel;
using LossGen.SentenceTransformers.Losses;

namespace LossGen;

/// <summary>Checks, at construction, that a wrapper does not wrap a loss whose traits it refuses (the LG analyzers check the same at compile time).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WrapperGuard
{
    /// <summary>Returns <paramref name="inner"/>, or throws when <paramref name="wrapper"/> refuses one of its traits.</summary>
    public static SentenceLoss Check(LossDescriptor wrapper, SentenceLoss inner)
    {
        ArgumentNullException.ThrowIfNull(wrapper);
        ArgumentNullException.ThrowIfNull(inner);
        LossTraits refused = wrapper.RefusesToWrap & inner.Descriptor.Traits;
        if (refused == LossTraits.None)
        {
            return inner;
        }

        string advice = inner.Descriptor.UncachedTwin is Type twin ? $" Use {twin.Name} instead: it computes the same loss without the cache." : string.Empty;
        throw new ArgumentException($"{wrapper.Name} cannot wrap {inner.Descriptor.Name}, which is {refused}.{advice}", "loss");
    }
}
