namespace LossGen;

/// <summary>
/// Which class-level DSL attribute gives a loss which <see cref="LossTraits"/> flag; a learnable <c>[Scale]</c> also
/// gives <see cref="LossTraits.OwnsParameters"/>. The generator and the analyzers derive traits from this one table.
/// </summary>
#if LOSSGEN_RUNTIME
public
#else
internal
#endif
static class LossTraitAttributes
{
    /// <summary>The trait the attribute with metadata name <paramref name="attributeName"/> gives, or <see cref="LossTraits.None"/>.</summary>
    public static LossTraits TraitOf(string? attributeName) => attributeName switch
    {
        "LossGen.GradientCacheAttribute" => LossTraits.GradientCached,
        "LossGen.WrapsAttribute" => LossTraits.Wrapper,
        "LossGen.TrainsModelCopyAttribute" => LossTraits.OwnsParameters | LossTraits.ModelCopy,
        "LossGen.GuidedAttribute" => LossTraits.Guided,
        _ => LossTraits.None,
    };
}
