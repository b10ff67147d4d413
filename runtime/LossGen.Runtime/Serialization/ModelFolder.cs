using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using LossGen.Models;
using LossGen.Models.Bert;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.Serialization;

/// <summary>
/// The sentence-transformers model folder: <c>modules.json</c>, the transformer at the root (<c>config.json</c>,
/// <c>model.safetensors</c>, <c>vocab.txt</c> and tokenizer files, <c>sentence_bert_config.json</c>),
/// <c>1_Pooling/config.json</c> and <c>2_Normalize</c>. A folder saved here loads in Python sentence-transformers, and a
/// BERT-family folder saved there loads here.
/// </summary>
public static class ModelFolder
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// Saves <paramref name="model"/> to <paramref name="directory"/>. The folder is written beside the target and then
    /// renamed into place, so an interrupted save never leaves a half-written model, and a folder already there is
    /// replaced only once the new one is complete.
    /// </summary>
    public static void Save(SentenceTransformer model, string directory)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(directory);
        AtomicDirectory.Write(directory, folder => Write(model, folder));
    }

    /// <summary>Loads a sentence-transformers folder of a BERT-family model onto <paramref name="device"/>.</summary>
    public static SentenceTransformer Load(string directory, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string root = Path.GetFullPath(directory);
        JsonArray modules = ReadJson(root, "modules.json").AsArray();
        string? ModulePath(string type) => modules.Select(m => m!.AsObject())
            .FirstOrDefault(m => (string?)m["type"] == type)?["path"]?.GetValue<string>();

        string transformerPath = Path.Combine(root, ModulePath("sentence_transformers.models.Transformer") ?? string.Empty);
        BertConfig config = JsonSerializer.Deserialize<BertConfig>(File.ReadAllText(Require(transformerPath, "config.json")))
            ?? throw new InvalidDataException($"{transformerPath}/config.json is empty.");
        if (config.ModelType is not ("bert"))
        {
            throw new NotSupportedException($"{transformerPath}/config.json: model_type '{config.ModelType}' is not a BERT-family model LossGen can build.");
        }

        string weights = Path.Combine(transformerPath, "model.safetensors");
        if (!File.Exists(weights))
        {
            string pickled = Path.Combine(transformerPath, "pytorch_model.bin");
            throw new FileNotFoundException(File.Exists(pickled)
                ? $"{transformerPath} has only pytorch_model.bin; LossGen never loads pickled checkpoints. Re-save the model with safetensors (save_pretrained(..., safe_serialization=True))."
                : $"{transformerPath} has no model.safetensors.", weights);
        }

        int maxSeqLength = 512;
        string sentenceConfig = Path.Combine(transformerPath, "sentence_bert_config.json");
        if (File.Exists(sentenceConfig))
        {
            maxSeqLength = JsonNode.Parse(File.ReadAllText(sentenceConfig))?["max_seq_length"]?.GetValue<int>() ?? maxSeqLength;
        }

        PoolingMode pooling = PoolingMode.Mean;
        if (ModulePath("sentence_transformers.models.Pooling") is string poolingPath)
        {
            JsonNode poolingConfig = ReadJson(Path.Combine(root, poolingPath), "config.json");
            pooling = Enum.GetValues<PoolingMode>().FirstOrDefault(m => poolingConfig[Pooling.ConfigKey(m)]?.GetValue<bool>() == true);
        }

        bool normalize = ModulePath("sentence_transformers.models.Normalize") is not null;
        var transformer = new BertModel(config);
        Dictionary<string, Tensor> state = SafeTensors.Load(weights);
        try
        {
            LoadState(transformer, state, weights);
        }
        finally
        {
            foreach (Tensor tensor in state.Values)
            {
                tensor.Dispose();
            }
        }

        var tokenizer = WordPieceTokenizer.FromVocabulary(File.ReadAllText(Require(transformerPath, "vocab.txt")));
        return new SentenceTransformer(transformer, tokenizer, pooling, normalize, Math.Min(maxSeqLength, config.MaxPositionEmbeddings), device);
    }

    private static void Write(SentenceTransformer model, string folder)
    {
        BertConfig config = model.Transformer.Config;
        JsonObject configJson = JsonSerializer.SerializeToNode(config)!.AsObject();
        configJson["architectures"] = new JsonArray("BertModel");
        configJson["pad_token_id"] = model.Tokenizer.PadId;
        configJson["position_embedding_type"] = "absolute";
        configJson["torch_dtype"] = "float32";
        WriteJson(folder, "config.json", configJson);

        Dictionary<string, Tensor> state = model.Transformer.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        SafeTensors.Save(Path.Combine(folder, "model.safetensors"), state, new Dictionary<string, string> { ["format"] = "pt" });
        File.WriteAllText(Path.Combine(folder, "vocab.txt"), string.Join('\n', model.Tokenizer.Vocabulary) + "\n");
        WriteJson(folder, "tokenizer_config.json", new JsonObject
        {
            ["tokenizer_class"] = "BertTokenizer",
            ["do_lower_case"] = true,
            ["tokenize_chinese_chars"] = true,
            ["strip_accents"] = null,
            ["model_max_length"] = config.MaxPositionEmbeddings,
            ["cls_token"] = "[CLS]",
            ["sep_token"] = "[SEP]",
            ["pad_token"] = "[PAD]",
            ["unk_token"] = "[UNK]",
            ["mask_token"] = "[MASK]",
        });
        WriteJson(folder, "special_tokens_map.json", new JsonObject
        {
            ["cls_token"] = "[CLS]", ["sep_token"] = "[SEP]", ["pad_token"] = "[PAD]", ["unk_token"] = "[UNK]", ["mask_token"] = "[MASK]",
        });
        WriteJson(folder, "sentence_bert_config.json", new JsonObject { ["max_seq_length"] = model.MaxSeqLength, ["do_lower_case"] = false });
        WriteJson(folder, "config_sentence_transformers.json", new JsonObject
        {
            ["__version__"] = new JsonObject { ["sentence_transformers"] = "5.2.0", ["lossgen"] = "0.1.0" },
            ["prompts"] = new JsonObject(),
            ["default_prompt_name"] = null,
            ["similarity_fn_name"] = "cosine",
        });

        var modules = new JsonArray
        {
            new JsonObject { ["idx"] = 0, ["name"] = "0", ["path"] = string.Empty, ["type"] = "sentence_transformers.models.Transformer" },
            new JsonObject { ["idx"] = 1, ["name"] = "1", ["path"] = "1_Pooling", ["type"] = "sentence_transformers.models.Pooling" },
        };
        if (model.Normalize)
        {
            modules.Add(new JsonObject { ["idx"] = 2, ["name"] = "2", ["path"] = "2_Normalize", ["type"] = "sentence_transformers.models.Normalize" });
            Directory.CreateDirectory(Path.Combine(folder, "2_Normalize"));
        }

        WriteJson(folder, "modules.json", modules);
        string poolingFolder = Path.Combine(folder, "1_Pooling");
        Directory.CreateDirectory(poolingFolder);
        var pooling = new JsonObject { ["word_embedding_dimension"] = config.HiddenSize };
        foreach (PoolingMode mode in Enum.GetValues<PoolingMode>())
        {
            pooling[Pooling.ConfigKey(mode)] = mode == model.PoolingMode;
        }

        pooling["pooling_mode_mean_sqrt_len_tokens"] = false;
        pooling["pooling_mode_weightedmean_tokens"] = false;
        pooling["pooling_mode_lasttoken"] = false;
        pooling["include_prompt"] = true;
        WriteJson(poolingFolder, "config.json", pooling);
    }

    private static void LoadState(BertModel transformer, Dictionary<string, Tensor> state, string path)
    {
        using var noGrad = no_grad();
        foreach ((string name, TorchSharp.Modules.Parameter parameter) in transformer.named_parameters())
        {
            if (!state.TryGetValue(name, out Tensor? value))
            {
                throw new InvalidDataException($"{path} has no tensor {name}.");
            }

            if (!value.shape.SequenceEqual(parameter.shape))
            {
                throw new InvalidDataException($"{path}: {name} has shape [{string.Join(", ", value.shape)}] but config.json implies [{string.Join(", ", parameter.shape)}].");
            }

            parameter.copy_(value);
        }
    }

    private static JsonNode ReadJson(string folder, string file) =>
        JsonNode.Parse(File.ReadAllText(Require(folder, file))) ?? throw new InvalidDataException($"{Path.Combine(folder, file)} is empty.");

    private static string Require(string folder, string file)
    {
        string path = Path.Combine(folder, file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"The model folder has no {file} in {folder}.", path);
    }

    private static void WriteJson(string folder, string file, JsonNode node) => File.WriteAllText(Path.Combine(folder, file), node.ToJsonString(Indented));
}
