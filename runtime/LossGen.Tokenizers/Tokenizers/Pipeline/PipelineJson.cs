using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LossGen.Serialization;

namespace LossGen.Tokenizers.Pipeline;

/// <summary>Reading helpers shared by the <c>tokenizer.json</c> components, with the refusals they raise.</summary>
internal static class PipelineJson
{
    /// <summary>The <c>type</c> of a component.</summary>
    public static string Type(JsonObject component, string name, string path) =>
        JsonFiles.String(component, "type", path) ?? throw new ModelFormatException(path, $"{name} has no type.");

    /// <summary>A <c>pattern</c> field: <c>{"String": …}</c> (a literal) or <c>{"Regex": …}</c>.</summary>
    public static (string? Literal, Regex? Regex) Pattern(JsonObject json, string component, string path) => json["pattern"] switch
    {
        JsonObject pattern when pattern["String"] is JsonValue literal => (literal.GetValue<string>(), null),
        JsonObject pattern when pattern["Regex"] is JsonValue regex => (null, new Regex(regex.GetValue<string>(), RegexOptions.CultureInvariant)),
        _ => throw Missing(path, component, "pattern (String or Regex)"),
    };

    /// <summary>A required field is absent.</summary>
    public static ModelFormatException Missing(string path, string component, string field) =>
        new(path, $"{component} has no {field}.");

    /// <summary>A component LossGen does not reproduce.</summary>
    public static ModelFormatException Unsupported(string path, string component, string type, string supported) =>
        new(path, $"{component} '{type}' is not one LossGen reproduces from tokenizer.json (it reads {supported}); its ids would differ from the tokenizers library's.");

    /// <summary>A field value LossGen does not reproduce.</summary>
    public static ModelFormatException UnsupportedValue(string path, string component, string field, string value) =>
        new(path, $"{component} {field} '{value}' is not one LossGen reproduces; its ids would differ from the tokenizers library's.");
}
