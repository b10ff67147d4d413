using System;
using System.IO;
using System.Linq;
using Google.Protobuf;
using LossGen.Backbones;
using LossGen.Export;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Serialization;
using LossGen.Serialization;
using LossGen.Tokenizers;
using Onnx;

namespace LossGen.SentenceTransformers.Export;

/// <summary>
/// Exports a <see cref="SentenceTransformer"/> to one ONNX file (opset 17, which ONNX Runtime 1.14 and later run on CPU
/// and CUDA): inputs <c>input_ids</c>, <c>attention_mask</c> (and <c>token_type_ids</c> for BERT), dynamic batch and
/// sequence axes; outputs <c>sentence_embedding</c> (pooling, Dense and Normalize inside the graph) and
/// <c>token_embeddings</c>; weights as float32 (or float16) initializers. The tokenizer files and
/// <see cref="TokenizationSettings"/> are written beside it. A model the graph cannot express exactly is refused.
/// </summary>
public static class OnnxExporter
{
    /// <summary>The opset of the exported graph.</summary>
    public const int Opset = OnnxGraphBuilder.Opset;

    /// <summary>Writes <paramref name="model"/> to <paramref name="onnxPath"/>, with its tokenizer files and settings in the same folder.</summary>
    /// <param name="model">The model to export.</param>
    /// <param name="onnxPath">The ONNX file to write.</param>
    /// <param name="float16">Store the weights as float16 (half the size; the arithmetic stays float32).</param>
    /// <exception cref="NotSupportedException">The model holds something the exporter cannot express exactly.</exception>
    public static void Export(SentenceTransformer model, string onnxPath, bool float16 = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(onnxPath);
        if (!model.Options.IncludePrompt && model.Options.Prompts.Count > 0)
        {
            throw new NotSupportedException("The ONNX exporter cannot express include_prompt = false (pooling that skips the prompt's tokens); the graph pools every token of attention_mask.");
        }

        if (model.Transformer.Adapter is not null)
        {
            throw new NotSupportedException("The model has a LoRA adapter, which the exported weights would leave out; merge it into the weights first (MergeAndUnload).");
        }

        var builder = new OnnxGraphBuilder("lossgen_sentence_transformer", float16);
        var blocks = new GraphBlocks(builder, model.Transformer.named_parameters().Select(p => (p.name, (TorchSharp.torch.Tensor)p.parameter)), model.Transformer.ModelType);
        (string tokens, string maskFloat) = EncoderGraphs.Write(blocks, model.Transformer);
        string embedding = PoolingGraph.Write(blocks, model, tokens, maskFloat, "input_ids");
        builder.Output(embedding, "sentence_embedding", TensorProto.Types.DataType.Float, "batch", model.EmbeddingDimension?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "dimension");
        builder.Output(tokens, "token_embeddings", TensorProto.Types.DataType.Float, "batch", "sequence", model.Transformer.HiddenSize.ToString(System.Globalization.CultureInfo.InvariantCulture));

        builder.Save(onnxPath, ModelFolder.Version, model.Tokenizer.Files);

        new TokenizationSettings
        {
            MaxSeqLength = model.MaxSeqLength,
            DoLowerCase = model.Options.DoLowerCase,
            ModelType = model.Transformer.ModelType,
            EmbeddingDimension = model.EmbeddingDimension ?? 0,
            Prompts = model.Options.Prompts.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            DefaultPromptName = model.Options.DefaultPromptName,
            SimilarityFunctionName = model.Options.SimilarityFunctionName,
        }.Write(TokenizationSettings.PathFor(onnxPath));
    }
}
