using System.IO;
using System.Linq;
using LossGen.Losses;
using LossGen.Models;
using LossGen.Serialization;
using LossGen.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Models;

/// <summary>Running token-wise layers on the real tokens only gives the padded computation's values and gradients.</summary>
[Collection(SequentialCollection.Name)]
public sealed class SkipPaddingTests
{
    private static readonly string[] Texts = ["a", "A man is playing a guitar while the band plays on and on.", "two words", "Café naïve résumé: crème brûlée à la mode, señor."];

    [Theory]
    [InlineData("bert-uncased-mean-normalize")]
    [InlineData("roberta-bpe-mean")]
    [InlineData("xlmr-mean")]
    [InlineData("bert-max")]
    [InlineData("bert-lasttoken")]
    [InlineData("distilbert-mean")]
    [InlineData("mpnet-mean")]
    public void Packed_training_gives_the_padded_loss_and_gradients(string fixture)
    {
        // The same model without dropout, so that both runs compute the same function.
        string folder = Directory.CreateTempSubdirectory("lossgen-skip-padding").FullName;
        foreach (string file in Directory.GetFiles(Path.Combine(RepositoryPaths.GoldenModels, fixture), "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(folder, Path.GetRelativePath(Path.Combine(RepositoryPaths.GoldenModels, fixture), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        string config = Path.Combine(folder, "config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"attention_probs_dropout_prob\": 0.1", "\"attention_probs_dropout_prob\": 0.0").Replace("\"hidden_dropout_prob\": 0.1", "\"hidden_dropout_prob\": 0.0")
            .Replace("\"attention_dropout\": 0.1", "\"attention_dropout\": 0.0").Replace("\"dropout\": 0.1", "\"dropout\": 0.0"));

        using var leaks = new TensorLeakGuard();
        using SentenceTransformer model = ModelFolder.Load(folder);
        Directory.Delete(folder, recursive: true);
        Assert.True(model.Transformer.CanSkipPadding);

        using var loss = new MultipleNegativesRankingLoss(model);
        model.SetTraining(true);
        var batch = new TextBatch([Texts, Texts.Reverse().ToArray()]);
        (float value, Tensor[] grads) Run(bool skip)
        {
            model.Transformer.SkipPaddingInTraining = skip;
            model.zero_grad();
            Tensor result = loss.Compute(batch);
            result.backward();
            return (result.item<float>(), model.parameters().Select(p => p.grad!.clone()).ToArray());
        }

        (float padded, Tensor[] paddedGrads) = Run(false);
        (float packed, Tensor[] packedGrads) = Run(true);
        Assert.Equal(padded, packed, 4);
        for (int i = 0; i < paddedGrads.Length; i++)
        {
            Assert.True(allclose(paddedGrads[i], packedGrads[i], rtol: 1e-4, atol: 1e-6), $"{fixture}: gradient {i} differs.");
        }

        model.zero_grad();
        foreach (var parameter in model.parameters())
        {
            parameter.grad = null;
        }
    }
}
