using System.Collections.Generic;
using System.Linq;
using System.Text;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Modules;
using LossGen.Serialization;

namespace LossGen.SentenceTransformers.Serialization;

/// <summary>The <c>README.md</c> of a saved folder, laid out as sentence-transformers' model card (front matter, details, architecture, usage).</summary>
internal static class ModelCard
{
    public static string Write(SentenceTransformer model, IReadOnlyList<string> moduleTypes)
    {
        var card = new StringBuilder();
        card.AppendLine("---");
        card.AppendLine("library_name: sentence-transformers");
        card.AppendLine("pipeline_tag: sentence-similarity");
        card.AppendLine("tags:");
        card.AppendLine("- sentence-transformers");
        card.AppendLine("- sentence-similarity");
        card.AppendLine("- feature-extraction");
        card.AppendLine("- lossgen");
        ModelCardMetadata.Write(card, model.ModelCardData, "SentenceTransformer");
        card.AppendLine("---");
        card.AppendLine();
        card.AppendLine("# SentenceTransformer");
        card.AppendLine();
        card.AppendLine($"This is a [sentence-transformers](https://www.SBERT.net) model saved by LossGen {ModelFolder.Version} (.NET, TorchSharp). It maps sentences & paragraphs to a {model.EmbeddingDimension}-dimensional dense vector space.");
        card.AppendLine();
        card.AppendLine("## Model Details");
        card.AppendLine();
        card.AppendLine("- **Model Type:** Sentence Transformer");
        card.AppendLine($"- **Architecture:** {model.Transformer.ModelType} ({model.Transformer.LayerCount} layers, hidden size {model.Transformer.HiddenSize})");
        card.AppendLine($"- **Maximum Sequence Length:** {model.MaxSeqLength} tokens");
        card.AppendLine($"- **Output Dimensionality:** {model.EmbeddingDimension} dimensions");
        card.AppendLine($"- **Similarity Function:** {model.Options.SimilarityFunctionName}");
        if (model.Options.Prompts.Count > 0)
        {
            card.AppendLine($"- **Prompts:** {string.Join(", ", model.Options.Prompts.Select(p => $"`{p.Key}`: \"{p.Value}\""))}{(model.Options.DefaultPromptName is { } name ? $" (default `{name}`)" : string.Empty)}");
        }

        card.AppendLine();
        card.AppendLine("### Full Model Architecture");
        card.AppendLine();
        card.AppendLine("```");
        card.AppendLine("SentenceTransformer(");
        for (int i = 0; i < moduleTypes.Count; i++)
        {
            card.AppendLine($"  ({i}): {moduleTypes[i][(moduleTypes[i].LastIndexOf('.') + 1)..]}");
        }

        card.AppendLine(")");
        card.AppendLine("```");
        card.AppendLine();
        ModelCardEvaluation.Write(card, model.ModelCardData, ModelFamily.SentenceTransformer);
        ModelCardTraining.Write(card, model.ModelCardData, ModelFamily.SentenceTransformer);
        card.AppendLine("## Usage");
        card.AppendLine();
        card.AppendLine("```python");
        card.AppendLine("from sentence_transformers import SentenceTransformer");
        card.AppendLine();
        card.AppendLine("model = SentenceTransformer(\"path/to/this/folder\")");
        card.AppendLine("embeddings = model.encode([\"The weather is lovely today.\", \"It's so sunny outside!\"])");
        card.AppendLine("```");
        card.AppendLine();
        card.AppendLine("```csharp");
        card.AppendLine("using var model = LossGen.Serialization.ModelFolder.Load(\"path/to/this/folder\");");
        card.AppendLine("var embeddings = model.Embed([\"The weather is lovely today.\", \"It's so sunny outside!\"]);");
        card.AppendLine("```");
        return card.ToString();
    }
}
