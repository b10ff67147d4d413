using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Google.Protobuf;
using LossGen.Export;
using LossGen.Tokenizers;
using Onnx;

namespace LossGen.CrossEncoders.Export;

/// <summary>
/// Exports a <see cref="CrossEncoder"/> to one ONNX file (opset 17): inputs <c>input_ids</c>, <c>attention_mask</c>
/// (and <c>token_type_ids</c> for BERT), dynamic batch and sequence axes; outputs <c>logits</c> (B×num_labels, the
/// head in the graph) and <c>scores</c> (the model's activation applied to them, what <c>Predict</c> returns). The
/// tokenizer files and <see cref="RerankerSettings"/> are written beside it; <c>LossGen.OnnxRuntime</c>'s
/// <c>OnnxReranker</c> serves it.
/// </summary>
public static class CrossEncoderOnnxExporter
{
    /// <summary>Writes <paramref name="model"/> to <paramref name="onnxPath"/>, with its tokenizer files and settings in the same folder.</summary>
    /// <param name="model">The reranker to export.</param>
    /// <param name="onnxPath">The ONNX file to write.</param>
    /// <param name="float16">Store the weights as float16 (half the size; the arithmetic stays float32).</param>
    public static void Export(CrossEncoder model, string onnxPath, bool float16 = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(onnxPath);
        var builder = new OnnxGraphBuilder("lossgen_cross_encoder", float16);
        var weights = model.Backbone.named_parameters().Concat(model.Head.named_parameters()).Select(p => (p.name, (TorchSharp.torch.Tensor)p.parameter));
        var blocks = new GraphBlocks(builder, weights, model.Backbone.ModelType);
        (string tokens, _) = EncoderGraphs.Write(blocks, model.Backbone);
        string first = builder.Node("Gather", [tokens, builder.IntScalar(0)], OnnxGraphBuilder.Int("axis", 1));
        string logits = model.Head.WriteGraph(blocks, first);
        string scores = model.ActivationFunction switch
        {
            ActivationFunction.Sigmoid => builder.Node("Sigmoid", [logits]),
            ActivationFunction.Tanh => builder.Node("Tanh", [logits]),
            _ => builder.Node("Identity", [logits]),
        };
        string labels = model.NumLabels.ToString(CultureInfo.InvariantCulture);
        builder.Output(logits, "logits", TensorProto.Types.DataType.Float, "batch", labels);
        builder.Output(scores, "scores", TensorProto.Types.DataType.Float, "batch", labels);

        builder.Save(onnxPath, LossGen.Serialization.LibraryVersion.Current, model.Tokenizer.Files);

        new RerankerSettings
        {
            MaxLength = model.MaxLength,
            ModelType = model.Backbone.ModelType,
            NumLabels = model.NumLabels,
            ActivationFunction = model.ActivationFunction.ToPythonName(),
        }.Write(RerankerSettings.PathFor(onnxPath));
    }
}
