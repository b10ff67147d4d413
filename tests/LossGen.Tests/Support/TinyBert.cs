using System.Linq;
using LossGen.Backbones;
using LossGen.Backbones.Bert;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Modules;
using LossGen.Tokenizers;
using static TorchSharp.torch;

namespace LossGen.Tests.Support;

/// <summary>A tiny randomly initialised BERT sentence encoder (3 layers, width 16 unless told) for fast model-level tests.</summary>
public static class TinyBert
{
    private static readonly string[] Words = ["the", "a", "cat", "dog", "sat", "ran", "on", "mat", "park", "red", "blue", "big", "small", "is", "was", "happy"];

    public static SentenceTransformer Create(int seed = 0, double dropout = 0.0, int hiddenSize = 16, int intermediateSize = 32)
    {
        manual_seed(seed);
        string vocabulary = string.Join('\n', new[] { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]" }.Concat(Words).Concat(Words.Select(w => "##" + w)));
        var config = new BertConfig
        {
            VocabSize = 5 + (2 * Words.Length),
            HiddenSize = hiddenSize,
            NumHiddenLayers = 3,
            NumAttentionHeads = 2,
            IntermediateSize = intermediateSize,
            MaxPositionEmbeddings = 32,
            HiddenDropoutProb = dropout,
            AttentionProbsDropoutProb = dropout,
        };
        var model = new SentenceTransformer(new BertModel(config), WordPieceTokenizer.FromVocabulary(vocabulary), maxSeqLength: 32);
        model.SetTraining(false);
        return model;
    }

    public static string[] Sentences(int count, int offset = 0) =>
        Enumerable.Range(offset, count).Select(i => $"the {Words[2 + (i % 4)]} {Words[4 + (i % 2)]} on the {Words[9 + (i % 3)]} {Words[7 + (i % 2)]}").ToArray();
}
