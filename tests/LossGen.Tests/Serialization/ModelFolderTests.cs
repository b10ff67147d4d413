using System;
using System.IO;
using System.Linq;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Serialization;
using LossGen.Serialization;
using LossGen.Tests.Models;
using LossGen.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Serialization;

/// <summary>The sentence-transformers model folder round-trips, and the safetensors reader refuses malformed files.</summary>
[Collection(SequentialCollection.Name)]
public sealed class ModelFolderTests(MiniLmFixture fixture) : IClassFixture<MiniLmFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lossgen-folder").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_saved_folder_loads_back_to_the_same_embeddings()
    {
        using var leaks = new TensorLeakGuard();
        string target = Path.Combine(_folder, "model");
        ModelFolder.Save(fixture.Model, target);

        string[] files = Directory.GetFiles(target, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(target, f)).ToArray();
        Assert.Contains("modules.json", files);
        Assert.Contains("config.json", files);
        Assert.Contains("model.safetensors", files);
        Assert.Contains("vocab.txt", files);
        Assert.Contains("sentence_bert_config.json", files);
        Assert.Contains(Path.Combine("1_Pooling", "config.json"), files);
        Assert.True(Directory.Exists(Path.Combine(target, "2_Normalize")));

        using SentenceTransformer loaded = ModelFolder.Load(target);
        string[] sentences = ["This is an example sentence", "Café déjà vu — 東京"];
        Assert.True(allclose(fixture.Model.Embed(sentences), loaded.Embed(sentences), atol: 1e-6));
        Assert.Equal(256, loaded.MaxSeqLength);
        Assert.Equal(PoolingMode.Mean, loaded.PoolingMode);
        Assert.True(loaded.Normalize);
    }

    [Fact]
    public void Saving_over_a_folder_replaces_it_whole_and_leaves_no_staging_folder()
    {
        string target = Path.Combine(_folder, "model");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "stale.txt"), "old");

        ModelFolder.Save(fixture.Model, target);

        Assert.False(File.Exists(Path.Combine(target, "stale.txt")));
        Assert.Single(Directory.GetDirectories(_folder));
    }

    [Fact]
    public void A_pickled_checkpoint_is_refused()
    {
        string target = Path.Combine(_folder, "pickled");
        ModelFolder.Save(fixture.Model, target);
        File.Move(Path.Combine(target, "model.safetensors"), Path.Combine(target, "pytorch_model.bin"));

        var error = Assert.Throws<ModelFormatException>(() => ModelFolder.Load(target));
        Assert.Contains("never loads pickled checkpoints", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x02, (byte)'c', (byte)'_' })]
    [InlineData(new byte[] { (byte)'P', (byte)'K', 3, 4 })]
    public void A_pickle_or_zip_renamed_safetensors_is_named_as_a_pickle(byte[] magic)
    {
        string path = Path.Combine(_folder, "renamed.safetensors");
        File.WriteAllBytes(path, [.. magic, .. new byte[64]]);

        var error = Assert.Throws<ModelFormatException>(() => SafeTensors.Load(path));
        Assert.Contains("pickled PyTorch checkpoint", error.Message);
    }

    [Theory]
    [InlineData("header-too-long")]
    [InlineData("offsets-outside")]
    [InlineData("overlap")]
    [InlineData("size-mismatch")]
    [InlineData("wrong-dtype")]
    [InlineData("not-json")]
    [InlineData("duplicate-name")]
    [InlineData("gap")]
    [InlineData("trailing-bytes")]
    [InlineData("metadata-not-string")]
    [InlineData("metadata-nested")]
    [InlineData("negative-dimension")]
    [InlineData("not-an-object")]
    [InlineData("invalid-utf8")]
    public void Malformed_safetensors_files_are_refused(string defect)
    {
        using var leaks = new TensorLeakGuard();
        string header = defect switch
        {
            "offsets-outside" => """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,800]}}""",
            "overlap" => """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""",
            "size-mismatch" => """{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""",
            "wrong-dtype" => """{"a":{"dtype":"F8_E5M2","shape":[16],"data_offsets":[0,16]}}""",
            "not-json" => "{not json",
            "duplicate-name" => """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"a":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}""",
            "gap" => """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[12,16]}}""",
            "trailing-bytes" => """{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,12]}}""",
            "metadata-not-string" => """{"__metadata__":{"format":1},"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}""",
            "metadata-nested" => """{"__metadata__":{"format":{"x":"pt"}},"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}""",
            "negative-dimension" => """{"a":{"dtype":"F32","shape":[-4],"data_offsets":[0,16]}}""",
            "not-an-object" => """[1, 2]""",
            _ => """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""",
        };
        byte[] json = defect == "invalid-utf8" ? [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'] : System.Text.Encoding.UTF8.GetBytes(header);
        long declared = defect == "header-too-long" ? 1L << 40 : json.Length;
        string path = Path.Combine(_folder, defect + ".safetensors");
        File.WriteAllBytes(path, [.. BitConverter.GetBytes(declared), .. json, .. new byte[16]]);

        Assert.Throws<ModelFormatException>(() => SafeTensors.Load(path));
    }

    [Fact]
    public void Safetensors_round_trip()
    {
        using var leaks = new TensorLeakGuard();
        string path = Path.Combine(_folder, "t.safetensors");
        Tensor a = arange(6, dtype: ScalarType.Float32).reshape(2, 3);
        Tensor b = tensor(new[] { -1.5f });
        SafeTensors.Save(path, new System.Collections.Generic.Dictionary<string, Tensor> { ["a"] = a, ["b"] = b });

        var loaded = SafeTensors.Load(path);
        try
        {
            Assert.True(allclose(loaded["a"], a, rtol: 0, atol: 0));
            Assert.True(allclose(loaded["b"], b, rtol: 0, atol: 0));
        }
        finally
        {
            foreach (Tensor t in loaded.Values)
            {
                t.Dispose();
            }
        }
    }
}
