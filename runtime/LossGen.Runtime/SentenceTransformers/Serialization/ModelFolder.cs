using Microsoft.Extensions.Logging;
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using TorchSharp;
using LossGen.Backbones;
using LossGen.Diagnostics;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Modules;
using LossGen.Serialization;
using LossGen.Tokenizers;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.Serialization;

/// <summary>
/// The sentence-transformers model folder: <c>modules.json</c> listing Transformer (config, weights, tokenizer files,
/// <c>sentence_bert_config.json</c>), Pooling, and optionally Dense and Normalize modules, plus
/// <c>config_sentence_transformers.json</c> (prompts, similarity). A folder saved by Python sentence-transformers loads
/// here with the same embeddings, or is refused with a <see cref="ModelFormatException"/> naming the file and what in it
/// LossGen cannot reproduce; a folder saved here loads in Python sentence-transformers 2.4 and later.
/// </summary>
public static class ModelFolder
{
    private const string TransformerType = "sentence_transformers.models.Transformer";
    private const string PoolingType = "sentence_transformers.models.Pooling";
    private const string DenseType = "sentence_transformers.models.Dense";
    private const string NormalizeType = "sentence_transformers.models.Normalize";

    /// <summary>The module types LossGen reads (sentence-transformers' dense text-embedding modules).</summary>
    public static IReadOnlyList<string> ModuleTypes { get; } = [TransformerType, PoolingType, DenseType, NormalizeType];

    /// <summary>
    /// Saves <paramref name="model"/> to <paramref name="directory"/>. The folder is written beside the target and then
    /// renamed into place, so an interrupted save never leaves a half-written model, and a folder already there is
    /// replaced only once the new one is complete.
    /// </summary>
    public static void Save(SentenceTransformer model, string directory)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(directory);
        AtomicDirectory.Write(directory, folder => ModelFolderWriter.Write(model, folder));
    }

    /// <summary>
    /// Loads a sentence-transformers model folder (for instance one downloaded from the Hugging Face Hub with
    /// <c>huggingface-cli download</c> or <c>snapshot_download</c>) onto <paramref name="device"/>. A folder with no
    /// <c>modules.json</c> is read as a plain transformers model with mean pooling, as sentence-transformers does.
    /// </summary>
    /// <param name="directory">The model folder.</param>
    /// <param name="device">Where the parameters live; the CPU by default.</param>
    /// <param name="overrides">Changes to the loaded settings (for instance <c>MaxSeqLength</c>), applied before the model is built.</param>
    /// <exception cref="ModelFormatException">Anything in the folder is missing, malformed, or not reproducible exactly.</exception>
    public static SentenceTransformer Load(string directory, Device? device = null, Func<SentenceTransformerOptions, SentenceTransformerOptions>? overrides = null) =>
        Load(directory, new ModelLoadOptions { Device = device, Options = overrides });

    /// <summary>
    /// Loads a sentence-transformers model folder with <paramref name="load"/>'s changes: device, max_seq_length,
    /// dropout, any config.json field, any module setting.
    /// </summary>
    /// <param name="directory">The model folder.</param>
    /// <param name="load">The changes.</param>
    /// <exception cref="ModelFormatException">Anything in the folder is missing, malformed, or not reproducible exactly, or an override names a field the folder does not have.</exception>
    public static SentenceTransformer Load(string directory, ModelLoadOptions load)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(load);
        Device? device = load.Device;
        string root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
        {
            throw new ModelFormatException(root, "is not a folder.");
        }

        List<(string Type, string Path)> modules = ReadModules(root);
        string transformerPath = modules[0].Path;
        EncoderModel? transformer = null;
        var after = new List<nn.Module<Tensor, Tensor>>();
        Dictionary<string, Tensor>? unused = null;
        try
        {
            transformer = TransformerArchitectures.FromConfigFile(Path.Combine(transformerPath, "config.json"), TransformerWeights.CountElements(transformerPath), load.ConfigOverrides, load.Dropout);
            TextTokenizer tokenizer = TokenizerFolder.Load(transformerPath, transformer.ModelType);
            SentenceTransformerOptions options = ReadOptions(root, transformerPath, modules, transformer, tokenizer);
            unused = TransformerWeights.Load(transformer, transformerPath);
            if (File.Exists(Path.Combine(transformerPath, "adapter_config.json")))
            {
                transformer.LoadAdapter(transformerPath);
            }
            foreach ((string type, string path) in modules.Skip(2))
            {
                after.Add(type == DenseType ? ReadDense(path) : new Normalize());
            }

            if (load.MaxSeqLength is int maxSeqLength)
            {
                options = options with { MaxSeqLength = maxSeqLength };
            }

            if (load.Options is not null)
            {
                options = load.Options(options);
            }

            try
            {
                return new SentenceTransformer(transformer, tokenizer, options, after, device, unused);
            }
            catch (ArgumentException e)
            {
                throw new ModelFormatException(root, e.Message, e);
            }
        }
        catch
        {
            // A refused folder leaves nothing allocated behind.
            transformer?.Dispose();
            foreach (nn.Module<Tensor, Tensor> module in after)
            {
                module.Dispose();
            }

            throw;
        }
        finally
        {
            foreach (Tensor tensor in unused?.Values ?? Enumerable.Empty<Tensor>())
            {
                tensor.Dispose();
            }
        }
    }

    private static List<(string Type, string Path)> ReadModules(string root)
    {
        string file = Path.Combine(root, "modules.json");
        if (!File.Exists(file))
        {
            // sentence-transformers' own words when it builds the same model from a plain transformers folder.
            LossGenLogging.LoggerFactory.CreateLogger("LossGen.Serialization.ModelFolder").LogWarning(
                "No sentence-transformers model found in {Folder} (no modules.json). Creating a new one with mean pooling.", root);
            return [(TransformerType, root), (PoolingType, string.Empty)];
        }

        var modules = new List<(string Type, string Path)>();
        var indices = new HashSet<int>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonNode? entry in JsonFiles.ReadArray(file))
        {
            if (entry is not JsonObject module)
            {
                throw new ModelFormatException(file, $"entry {modules.Count} is not an object.");
            }

            // The list's order is the modules' order; a repeated idx says two modules claim one place, and a repeated
            // name makes sentence-transformers keep only the last module of that name: neither has one meaning.
            if (JsonFiles.Int(module, "idx", file) is int idx && !indices.Add(idx))
            {
                throw new ModelFormatException(file, $"entry {modules.Count} repeats idx {idx}; each module needs its own.");
            }

            if (JsonFiles.String(module, "name", file) is string name && !names.Add(name))
            {
                throw new ModelFormatException(file, $"entry {modules.Count} repeats name '{name}'; each module needs its own.");
            }

            string type = JsonFiles.String(module, "type", file) ?? throw new ModelFormatException(file, $"entry {modules.Count} has no type.");
            string path = JsonFiles.String(module, "path", file) ?? throw new ModelFormatException(file, $"module {type} has no path.");
            string normalized = ModuleTypes.FirstOrDefault(t => type == t || type == $"{t}.{t[(t.LastIndexOf('.') + 1)..]}")
                ?? throw new ModelFormatException(file, $"module type '{type}' is not one LossGen runs; it runs {string.Join(", ", ModuleTypes)}.");
            modules.Add((normalized, ModelPaths.Resolve(root, path, file, $"module {type}'s path")));
        }

        bool ordered = modules.Count >= 2 && modules[0].Type == TransformerType && modules[1].Type == PoolingType
            && modules.Skip(2).All(m => m.Type is DenseType or NormalizeType);
        return ordered ? modules : throw new ModelFormatException(file, $"lists [{string.Join(", ", modules.Select(m => m.Type))}]; LossGen runs Transformer, Pooling, then Dense and Normalize modules, in that order.");
    }

    private static SentenceTransformerOptions ReadOptions(string root, string transformerPath, List<(string Type, string Path)> modules, EncoderModel transformer, TextTokenizer tokenizer)
    {
        string bertConfigPath = Path.Combine(transformerPath, "sentence_bert_config.json");
        JsonObject bertConfig = File.Exists(bertConfigPath) ? JsonFiles.ReadObject(bertConfigPath) : new JsonObject();
        int maxSeqLength = JsonFiles.Int(bertConfig, "max_seq_length", bertConfigPath) ?? DefaultMaxSeqLength(transformerPath, transformer);
        if (maxSeqLength < 2 || maxSeqLength > transformer.MaxSequenceLength)
        {
            throw new ModelFormatException(bertConfigPath, $"max_seq_length {maxSeqLength} is outside [2, {transformer.MaxSequenceLength}], the positions {transformer.ModelType} has.");
        }

        (IReadOnlyList<PoolingMode> modes, bool includePrompt) = ReadPooling(modules[1].Path, transformer.HiddenSize);
        string stConfigPath = Path.Combine(root, "config_sentence_transformers.json");
        JsonObject stConfig = File.Exists(stConfigPath) ? JsonFiles.ReadObject(stConfigPath) : new JsonObject();
        var prompts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (stConfig["prompts"] is JsonObject promptsJson)
        {
            foreach ((string name, _) in promptsJson)
            {
                prompts[name] = JsonFiles.String(promptsJson, name, stConfigPath) ?? throw new ModelFormatException(stConfigPath, $"prompt '{name}' is not a string.");
            }
        }

        var options = new SentenceTransformerOptions
        {
            PoolingModes = modes,
            IncludePrompt = includePrompt,
            MaxSeqLength = maxSeqLength,
            DoLowerCase = JsonFiles.Bool(bertConfig, "do_lower_case", bertConfigPath, false),
            Prompts = prompts,
            DefaultPromptName = JsonFiles.String(stConfig, "default_prompt_name", stConfigPath),
            SimilarityFunctionName = JsonFiles.String(stConfig, "similarity_fn_name", stConfigPath) ?? "cosine",
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ModelFormatException(stConfigPath, e.Message, e);
        }

        // An id past the embedding table would fail deep in TorchSharp on the first text that produces it.
        if (tokenizer.VocabularySize > transformer.VocabularySize)
        {
            throw new ModelFormatException(transformerPath, $"the {tokenizer.TokenizerClass} has {tokenizer.VocabularySize} ids but config.json's vocab_size is {transformer.VocabularySize}.");
        }

        return options;
    }

    // Without max_seq_length, sentence-transformers takes min(max_position_embeddings, the tokenizer's model_max_length).
    private static int DefaultMaxSeqLength(string transformerPath, EncoderModel transformer)
    {
        string path = Path.Combine(transformerPath, "tokenizer_config.json");
        double? modelMax = File.Exists(path) && JsonFiles.ReadObject(path)["model_max_length"] is JsonValue value && value.TryGetValue(out double limit) ? limit : null;
        return modelMax is double max && max < transformer.MaxSequenceLength ? (int)max : transformer.MaxSequenceLength;
    }

    private static (IReadOnlyList<PoolingMode> Modes, bool IncludePrompt) ReadPooling(string folder, int hiddenSize)
    {
        if (folder.Length == 0)
        {
            return ([PoolingMode.Mean], true);
        }

        string path = Path.Combine(folder, "config.json");
        JsonObject config = JsonFiles.ReadObject(path);
        PoolingMode[] modes = Enum.GetValues<PoolingMode>().Where(m => JsonFiles.Bool(config, Pooling.ConfigKey(m), path, false)).ToArray();
        if (modes.Length == 0)
        {
            throw new ModelFormatException(path, "turns on no pooling mode.");
        }

        int? dimension = JsonFiles.Int(config, "word_embedding_dimension", path);
        if (dimension is not null && dimension != hiddenSize)
        {
            throw new ModelFormatException(path, $"word_embedding_dimension {dimension} is not the transformer's hidden size {hiddenSize}.");
        }

        return (modes, JsonFiles.Bool(config, "include_prompt", path, true));
    }

    private static Dense ReadDense(string folder)
    {
        string configPath = Path.Combine(folder, "config.json");
        JsonObject config = JsonFiles.ReadObject(configPath);
        int inFeatures = JsonFiles.Int(config, "in_features", configPath) ?? throw new ModelFormatException(configPath, "has no in_features.");
        int outFeatures = JsonFiles.Int(config, "out_features", configPath) ?? throw new ModelFormatException(configPath, "has no out_features.");
        string activation = JsonFiles.String(config, "activation_function", configPath) ?? "torch.nn.modules.activation.Tanh";
        Dense dense;
        try
        {
            dense = new Dense(inFeatures, outFeatures, JsonFiles.Bool(config, "bias", configPath, true), activation);
        }
        catch (ArgumentException e)
        {
            throw new ModelFormatException(configPath, e.Message, e);
        }

        string weights = Path.Combine(folder, "model.safetensors");
        if (!File.Exists(weights))
        {
            dense.Dispose();
            throw new ModelFormatException(folder, File.Exists(Path.Combine(folder, "pytorch_model.bin"))
                ? "has only pytorch_model.bin, a pickled checkpoint; LossGen never loads pickled checkpoints."
                : "has no model.safetensors.");
        }

        Dictionary<string, Tensor> state = SafeTensors.LoadFinite(weights);
        try
        {
            Dictionary<string, Tensor> extra = TransformerWeights.Assign(dense, state, weights);
            if (extra.Count > 0)
            {
                string names = string.Join(", ", extra.Keys);
                foreach (Tensor tensor in extra.Values)
                {
                    tensor.Dispose();
                }

                throw new ModelFormatException(weights, $"holds tensors a Dense module does not have: {names}.");
            }
        }
        catch
        {
            foreach (Tensor tensor in state.Values)
            {
                tensor.Dispose();
            }

            dense.Dispose();
            throw;
        }

        return dense;
    }

    /// <summary>LossGen's version, as written into saved folders.</summary>
    internal static string Version => LibraryVersion.Current;
}
