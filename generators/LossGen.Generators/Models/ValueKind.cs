namespace LossGen.Generators.Models;

/// <summary>The broad type of a hyper-parameter.</summary>
internal enum ValueKind
{
    Floating,
    Integer,
    Boolean,
    Enum,
    String,
    Reference,
}
