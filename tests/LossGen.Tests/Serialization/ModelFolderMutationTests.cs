using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Serialization;
using LossGen.Serialization;
using LossGen.Tests.Support;
using Xunit;

namespace LossGen.Tests.Serialization;

/// <summary>
/// Hundreds of model folders derived from a valid one by truncating or flipping bytes of one of its JSON files: each
/// loads, or is refused with <see cref="ModelFormatException"/>; nothing else escapes, and no load allocates beyond its
/// weights (the process grows by less than 1 GiB over the whole run).
/// </summary>
[Collection(SequentialCollection.Name)]
public sealed class ModelFolderMutationTests : IDisposable
{
    private static readonly string[] Files = ["config.json", "modules.json", "tokenizer_config.json", "special_tokens_map.json", "sentence_bert_config.json", "config_sentence_transformers.json", "1_Pooling/config.json"];

    private readonly string _folder = Directory.CreateTempSubdirectory("lossgen-folder-mutations").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Every_mutated_folder_loads_or_raises_the_one_load_error()
    {
        string source = Path.Combine(RepositoryPaths.GoldenModels, "bert-cased-cls");
        string model = Path.Combine(_folder, "model");
        var random = new Random(11);
        long before = Environment.WorkingSet;
        int count = 0;
        foreach (string file in Files)
        {
            byte[] original = File.ReadAllBytes(Path.Combine(source, file));
            var mutants = new List<byte[]>();
            for (int length = 0; length < original.Length; length += Math.Max(1, original.Length / 12))
            {
                mutants.Add(original[..length]);
            }

            for (int i = 0; i < 20; i++)
            {
                byte[] flipped = (byte[])original.Clone();
                flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
                mutants.Add(flipped);
            }

            foreach (byte[] mutant in mutants)
            {
                Copy(source, model);
                File.WriteAllBytes(Path.Combine(model, file), mutant);
                try
                {
                    using SentenceTransformer loaded = ModelFolder.Load(model);
                }
                catch (ModelFormatException)
                {
                }
                catch (Exception e)
                {
                    Assert.Fail($"{file} mutated ({mutant.Length} bytes): {e.GetType().Name} escaped: {e.Message}");
                }

                count++;
            }
        }

        Assert.True(count > 200);
        Assert.True(Environment.WorkingSet - before < (1L << 30), $"the process grew by {(Environment.WorkingSet - before) >> 20} MiB.");
    }

    private static void Copy(string source, string target)
    {
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        foreach (string directory in Directory.GetDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, directory)));
        }

        Directory.CreateDirectory(target);
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)));
        }
    }
}
