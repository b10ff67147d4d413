using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using LossGen.Serialization;

namespace LossGen.Tokenizers.Pipeline;

/// <summary>
/// The <c>post_processor</c> of a <c>tokenizer.json</c> as the <see cref="SequenceTemplate"/> it applies:
/// TemplateProcessing, BertProcessing, RobertaProcessing, and ByteLevel (which adds no ids), alone or in a Sequence.
/// </summary>
internal static class PostProcessors
{
    /// <summary>The template <paramref name="json"/> describes; with no post-processor, texts are not framed.</summary>
    /// <exception cref="ModelFormatException">A post-processor or field LossGen does not reproduce, by name.</exception>
    public static SequenceTemplate Read(JsonObject? json, string path)
    {
        var none = new SequenceTemplate([TemplatePiece.Text('A')], [TemplatePiece.Text('A'), TemplatePiece.Text('B', 1)]);
        if (json is null)
        {
            return none;
        }

        string type = PipelineJson.Type(json, "post_processor", path);
        switch (type)
        {
            case "TemplateProcessing":
                var special = SpecialTokens(json, path);
                return new SequenceTemplate(Pieces(json, "single", special, path), Pieces(json, "pair", special, path));
            case "BertProcessing":
                return SequenceTemplate.Bert(TokenId(json, "cls", path), TokenId(json, "sep", path));
            case "RobertaProcessing":
                return SequenceTemplate.Roberta(TokenId(json, "cls", path), TokenId(json, "sep", path));
            case "ByteLevel":
                return none;
            case "Sequence":
                // Only one processor of the sequence may add ids; ByteLevel (offsets only) passes through.
                var framing = (json["processors"] as JsonArray ?? throw PipelineJson.Missing(path, "post_processor Sequence", "processors"))
                    .OfType<JsonObject>().Where(p => PipelineJson.Type(p, "post_processor", path) != "ByteLevel").ToArray();
                return framing.Length switch
                {
                    0 => none,
                    1 => Read(framing[0], path),
                    _ => throw new ModelFormatException(path, "post_processor Sequence holds more than one processor that adds special tokens; LossGen reproduces one."),
                };
            default:
                throw PipelineJson.Unsupported(path, "post_processor", type, "TemplateProcessing, BertProcessing, RobertaProcessing, ByteLevel, Sequence");
        }
    }

    private static Dictionary<string, int[]> SpecialTokens(JsonObject json, string path)
    {
        var tokens = new Dictionary<string, int[]>(System.StringComparer.Ordinal);
        foreach ((string name, JsonNode? token) in json["special_tokens"] as JsonObject ?? [])
        {
            tokens[name] = (token?["ids"] as JsonArray)?.Select(id => id!.GetValue<int>()).ToArray()
                ?? throw new ModelFormatException(path, $"post_processor special token '{name}' has no ids.");
        }

        return tokens;
    }

    private static IEnumerable<TemplatePiece> Pieces(JsonObject json, string field, Dictionary<string, int[]> special, string path) =>
        (json[field] as JsonArray ?? throw PipelineJson.Missing(path, "post_processor TemplateProcessing", field)).Select(piece => piece switch
        {
            JsonObject item when item["SpecialToken"] is JsonObject token =>
                TemplatePiece.Special(
                    special.TryGetValue(JsonFiles.String(token, "id", path) ?? string.Empty, out int[]? ids) ? ids : throw new ModelFormatException(path, $"post_processor {field} names the special token '{token["id"]}', which special_tokens does not define."),
                    JsonFiles.Int(token, "type_id", path) ?? 0),
            JsonObject item when item["Sequence"] is JsonObject sequence && JsonFiles.String(sequence, "id", path) is "A" or "B" =>
                TemplatePiece.Text(JsonFiles.String(sequence, "id", path)![0], JsonFiles.Int(sequence, "type_id", path) ?? 0),
            _ => throw new ModelFormatException(path, $"post_processor {field} piece {piece?.ToJsonString()} is neither a SpecialToken nor the Sequence A or B."),
        });

    // BertProcessing and RobertaProcessing spell a token as [content, id].
    private static int TokenId(JsonObject json, string field, string path) =>
        json[field] is JsonArray { Count: 2 } token ? token[1]!.GetValue<int>() : throw PipelineJson.Missing(path, "post_processor", $"{field} ([token, id])");
}
