using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using TorchSharp;
using LossGen.Backbones;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Modules;
using LossGen.Serialization;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.Serialization;

/// <summary>Writes a model in sentence-transformers' folder layout: everything <see cref="ModelFolder.Load(string, ModelLoadOptions)"/> reads, and a model card.</summary>
internal static class ModelFolderWriter
{
    public static void Write(SentenceTransformer model, string folder)
    {
        JsonFiles.Write(Path.Combine(folder, "config.json"), model.Transformer.ToConfigJson());
        // A LoRA adapter is written beside the base weights in PEFT's files, and read back from them.
        var state = model.Transformer.named_parameters().Where(p => !p.name.StartsWith(EncoderModel.AdapterModuleName + ".", StringComparison.Ordinal))
            .ToDictionary(p => p.name, p => (Tensor)p.parameter, StringComparer.Ordinal);
        if (model.Transformer.Adapter is not null)
        {
            model.SaveAdapter(folder);
        }
        foreach ((string name, Tensor tensor) in model.UnusedWeights)
        {
            state.TryAdd(name, tensor);
        }

        SafeTensors.Save(Path.Combine(folder, "model.safetensors"), state, new Dictionary<string, string> { ["format"] = "pt" });
        foreach ((string name, byte[] bytes) in model.Tokenizer.Files)
        {
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
        }

        JsonFiles.Write(Path.Combine(folder, "sentence_bert_config.json"), new JsonObject { ["max_seq_length"] = model.MaxSeqLength, ["do_lower_case"] = model.Options.DoLowerCase });

        // No "sentence_transformers" version: sentence-transformers warns when the saving version is newer than its own.
        var prompts = new JsonObject();
        foreach ((string name, string prompt) in model.Options.Prompts)
        {
            prompts[name] = prompt;
        }

        JsonFiles.Write(Path.Combine(folder, "config_sentence_transformers.json"), new JsonObject
        {
            ["__version__"] = new JsonObject { ["lossgen"] = ModelFolder.Version, ["torchsharp"] = typeof(torch).Assembly.GetName().Version?.ToString(3) },
            ["prompts"] = prompts,
            ["default_prompt_name"] = model.Options.DefaultPromptName,
            ["similarity_fn_name"] = model.Options.SimilarityFunctionName,
        });

        var modules = new JsonArray
        {
            Module(0, string.Empty, "sentence_transformers.models.Transformer"),
            Module(1, "1_Pooling", "sentence_transformers.models.Pooling"),
        };
        WritePooling(model, Path.Combine(folder, "1_Pooling"));
        int index = 2;
        foreach (nn.Module<Tensor, Tensor> module in model.PostPoolingModules)
        {
            string name = $"{index}_{module.GetType().Name}";
            string path = Path.Combine(folder, name);
            Directory.CreateDirectory(path);
            if (module is Dense dense)
            {
                JsonFiles.Write(Path.Combine(path, "config.json"), new JsonObject
                {
                    ["in_features"] = dense.InFeatures, ["out_features"] = dense.OutFeatures, ["bias"] = dense.HasBias, ["activation_function"] = dense.ActivationFunction,
                });
                SafeTensors.Save(Path.Combine(path, "model.safetensors"), dense.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter, StringComparer.Ordinal));
                modules.Add(Module(index, name, "sentence_transformers.models.Dense"));
            }
            else
            {
                modules.Add(Module(index, name, "sentence_transformers.models.Normalize"));
            }

            index++;
        }

        JsonFiles.Write(Path.Combine(folder, "modules.json"), modules);
        File.WriteAllText(Path.Combine(folder, "README.md"), ModelCard.Write(model, modules.Select(m => (string)m!["type"]!).ToArray()));
    }

    private static JsonObject Module(int index, string path, string type) =>
        new() { ["idx"] = index, ["name"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture), ["path"] = path, ["type"] = type };

    private static void WritePooling(SentenceTransformer model, string folder)
    {
        Directory.CreateDirectory(folder);
        var pooling = new JsonObject { ["word_embedding_dimension"] = model.Transformer.HiddenSize };
        foreach (PoolingMode mode in Pooling.ConcatenationOrder)
        {
            pooling[Pooling.ConfigKey(mode)] = model.Options.PoolingModes.Contains(mode);
        }

        pooling["include_prompt"] = model.Options.IncludePrompt;
        JsonFiles.Write(Path.Combine(folder, "config.json"), pooling);
    }
}
