using System.Linq;
using System.Text;
using LossGen.Serialization;

namespace LossGen.CrossEncoders.Serialization;

/// <summary>
/// The <c>README.md</c> of a saved cross-encoder folder, laid out as sentence-transformers' cross-encoder model card:
/// front matter (a reranker with one label is <c>text-ranking</c>, several labels <c>text-classification</c>),
/// details, architecture, usage in Python and .NET, and the training section the trainer recorded.
/// </summary>
internal static class CrossEncoderModelCard
{
    public static string Write(CrossEncoder model)
    {
        bool ranks = model.NumLabels == 1;
        var card = new StringBuilder();
        card.AppendLine("---");
        card.AppendLine("library_name: sentence-transformers");
        card.AppendLine($"pipeline_tag: {(ranks ? "text-ranking" : "text-classification")}");
        card.AppendLine("tags:");
        card.AppendLine("- sentence-transformers");
        card.AppendLine("- cross-encoder");
        card.AppendLine("- reranker");
        card.AppendLine("- lossgen");
        ModelCardMetadata.Write(card, model.ModelCardData, "CrossEncoder");
        card.AppendLine("---");
        card.AppendLine();
        card.AppendLine("# CrossEncoder");
        card.AppendLine();
        card.AppendLine($"This is a [Cross Encoder](https://www.sbert.net/docs/cross_encoder/usage/usage.html) model saved by LossGen {LibraryVersion.Current} (.NET, TorchSharp). It computes scores for pairs of texts, which can be used for {(ranks ? "text reranking and semantic search" : "text pair classification")}.");
        card.AppendLine();
        card.AppendLine("## Model Details");
        card.AppendLine();
        card.AppendLine("- **Model Type:** Cross Encoder");
        card.AppendLine($"- **Architecture:** {model.Backbone.ModelType} ({model.Backbone.LayerCount} layers, hidden size {model.Backbone.HiddenSize}) with {model.Head.Architecture}'s head");
        card.AppendLine($"- **Maximum Sequence Length:** {model.MaxLength} tokens");
        card.AppendLine($"- **Number of Output Labels:** {model.NumLabels} label{(ranks ? string.Empty : "s")}{(ranks ? string.Empty : $" ({string.Join(", ", model.Id2Label.OrderBy(p => p.Key).Select(p => $"`{p.Value}`"))})")}");
        card.AppendLine($"- **Activation Function:** `{model.ActivationFunction.ToPythonName()}`");
        card.AppendLine();
        ModelCardEvaluation.Write(card, model.ModelCardData, ModelFamily.CrossEncoder);
        ModelCardTraining.Write(card, model.ModelCardData, ModelFamily.CrossEncoder);
        card.AppendLine("## Usage");
        card.AppendLine();
        card.AppendLine("```python");
        card.AppendLine("from sentence_transformers import CrossEncoder");
        card.AppendLine();
        card.AppendLine("model = CrossEncoder(\"path/to/this/folder\")");
        card.AppendLine("pairs = [");
        card.AppendLine("    [\"How many calories in an egg\", \"There are on average between 55 and 80 calories in an egg depending on its size.\"],");
        card.AppendLine("    [\"How many calories in an egg\", \"Egg whites are very low in calories, have no fat, no cholesterol, and are loaded with protein.\"],");
        card.AppendLine("]");
        card.AppendLine("scores = model.predict(pairs)");
        if (ranks)
        {
            card.AppendLine("ranks = model.rank(\"How many calories in an egg\", [pair[1] for pair in pairs])");
        }

        card.AppendLine("```");
        card.AppendLine();
        card.AppendLine("```csharp");
        card.AppendLine("using var model = LossGen.CrossEncoders.CrossEncoder.Load(\"path/to/this/folder\");");
        card.AppendLine("float[][] scores = model.Predict([(\"How many calories in an egg\", \"There are on average between 55 and 80 calories in an egg depending on its size.\")]);");
        card.AppendLine("```");
        return card.ToString();
    }
}
