// Exports a sentence-transformers model folder (the quickstart's output/model, or any folder ModelFolder loads) to ONNX,
// then runs the file with ONNX Runtime and prints how far its embeddings are from LossGen's TorchSharp ones.
using System;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Linq;
using LossGen.Export;
using LossGen.OnnxRuntime;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Export;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Serialization;
using LossGen.Serialization;

var modelOption = new Option<string>("--model") { Description = "the sentence-transformers model folder to export (for instance the quickstart's output/model)", Required = true };
var outputOption = new Option<string>("--output") { Description = "the ONNX file to write; the tokenizer files go beside it", Required = true };
var float16Option = new Option<bool>("--fp16") { Description = "store the weights as float16" };
var command = new RootCommand("Exports a model folder to ONNX and checks ONNX Runtime's embeddings against LossGen's.") { modelOption, outputOption, float16Option };
if (LossGen.Samples.SampleCommandLine.Parse(command, args, out ParseResult parsed) is int exit)
{
    return exit;
}

string modelFolder = parsed.GetValue(modelOption)!, output = parsed.GetValue(outputOption)!;
bool float16 = parsed.GetValue(float16Option);

try
{
    using SentenceTransformer model = ModelFolder.Load(modelFolder);
    var clock = Stopwatch.StartNew();
    OnnxExporter.Export(model, output, float16);
    Console.WriteLine($"Exported {model.Transformer.ModelType} ({model.Transformer.LayerCount} layers, {model.EmbeddingDimension}-dimensional) to {output}: {new FileInfo(output).Length / 1048576.0:F1} MiB, opset {OnnxExporter.Opset}, {(float16 ? "float16" : "float32")} weights, in {clock.Elapsed.TotalSeconds:F1} s.");

    string[] probe =
    [
        "What is the capital of France?", "Paris is the capital and largest city of France.", "", "Café déjà vu — 東京",
        "Héllo, WORLD!! Naïve café-owners don't like 3.14159 or $100...", string.Join(' ', Enumerable.Repeat("A long text keeps going.", 80)),
    ];
    using OnnxSentenceEncoder encoder = OnnxSentenceEncoder.Load(output);
    float[][] onnx = encoder.Embed(probe);
    using var ours = model.Embed(probe);
    double difference = Enumerable.Range(0, probe.Length).Max(i => ours[i].data<float>().ToArray().Zip(onnx[i], (a, b) => Math.Abs(a - b)).Max());
    Console.WriteLine($"ONNX Runtime vs LossGen (TorchSharp) on {probe.Length} sentences: max abs difference {difference:E2}.");
    Console.WriteLine($"Serve it with LossGen.OnnxRuntime: OnnxSentenceEncoder.Load(\"{output}\") (tokenizer files and {Path.GetFileName(LossGen.Tokenizers.TokenizationSettings.PathFor(output))} beside it).");
    return difference <= (float16 ? 1e-3 : 1e-5) ? 0 : 1;
}
catch (Exception e) when (e is ModelFormatException or NotSupportedException or IOException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
