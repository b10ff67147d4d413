namespace LossGen;

/// <summary>How GISTEmbed's guide decides that an in-batch candidate is a false negative.</summary>
public enum MarginStrategy
{
    /// <summary>Masked when guide similarity &gt; positive similarity − margin.</summary>
    Absolute,

    /// <summary>Masked when guide similarity &gt; positive similarity − |positive similarity| · margin (sentence-transformers v5.6+).</summary>
    Relative,
}
