using System;
using System.Linq;
using LossGen.Backbones;
using LossGen.Backbones.Bert;
using LossGen.Backbones.DistilBert;
using LossGen.Backbones.Gemma3;
using LossGen.Backbones.ModernBert;
using LossGen.Backbones.MPNet;
using LossGen.Backbones.Qwen3;
using Onnx;
using static TorchSharp.torch;
using B = LossGen.Export.OnnxGraphBuilder;

namespace LossGen.Export;

/// <summary>
/// Each architecture's forward in ONNX, parameter by parameter as its TorchSharp module computes it: token embeddings
/// (B×T×H) from <c>input_ids</c>, <c>attention_mask</c> and, for BERT, <c>token_type_ids</c>.
/// </summary>
internal static class EncoderGraphs
{
    private const TensorProto.Types.DataType Int64 = TensorProto.Types.DataType.Int64;

    /// <summary>Writes the encoder; returns its token embeddings and the attention mask as float.</summary>
    public static (string Tokens, string MaskFloat) Write(GraphBlocks g, EncoderModel encoder) => encoder switch
    {
        BertModel bert => Bert(g, bert.Config),
        DistilBertModel distil => DistilBert(g, distil.Config),
        MPNetModel mpnet => MPNet(g, mpnet.Config, mpnet.MaxSequenceLength),
        ModernBertModel modernBert => RotaryGraphs.ModernBert(g, modernBert.Config),
        Qwen3Model qwen3 => RotaryGraphs.Qwen3(g, qwen3.Config),
        Gemma3TextModel gemma3 => RotaryGraphs.Gemma3(g, gemma3.Config),
        _ => throw new NotSupportedException($"The ONNX exporter has no graph for {encoder.GetType().Name} ({encoder.ModelType})."),
    };

    private static (string Ids, string Mask, string MaskFloat) Inputs(GraphBlocks g)
    {
        string ids = g.Builder.Input("input_ids", Int64, "batch", "sequence");
        string mask = g.Builder.Input("attention_mask", Int64, "batch", "sequence");
        return (ids, mask, g.Builder.Node("Cast", [mask], B.Int("to", (long)TensorProto.Types.DataType.Float)));
    }

    private static (string, string) Bert(GraphBlocks g, BertConfig c)
    {
        (string ids, _, string maskFloat) = Inputs(g);
        string positions = c.PositionsFromPadding ? g.PaddingPositions(ids, c.PadTokenId) : g.AbsolutePositions(ids, c.MaxPositionEmbeddings);
        string sum = g.Builder.Node("Add", [Gather(g, "embeddings.word_embeddings.weight", ids), Gather(g, "embeddings.position_embeddings.weight", positions)]);

        // BERT tokenizers give token types (all 0 for one text); RoBERTa and XLM-R have a single type, added as a constant row.
        string types = c.ModelType == "bert"
            ? Gather(g, "embeddings.token_type_embeddings.weight", g.Builder.Input("token_type_ids", Int64, "batch", "sequence"))
            : g.Builder.Weight("token_type_row", g.Values("embeddings.token_type_embeddings.weight")[..c.HiddenSize], c.HiddenSize);
        string x = g.LayerNorm(g.Builder.Node("Add", [sum, types]), "embeddings.LayerNorm", c.LayerNormEps);
        string bias = g.PaddingBias(maskFloat);
        var layer = new LayerNames("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense", "attention.output.LayerNorm", "intermediate.dense", "output.dense", "output.LayerNorm");
        for (int i = 0; i < c.NumHiddenLayers; i++)
        {
            x = Layer(g, x, bias, $"encoder.layer.{i}.", layer, c.NumAttentionHeads, c.HiddenSize, c.LayerNormEps, c.HiddenAct);
        }

        return (x, maskFloat);
    }

    private static (string, string) DistilBert(GraphBlocks g, DistilBertConfig c)
    {
        (string ids, _, string maskFloat) = Inputs(g);
        string sum = g.Builder.Node("Add", [Gather(g, "embeddings.word_embeddings.weight", ids), Gather(g, "embeddings.position_embeddings.weight", g.AbsolutePositions(ids, c.MaxPositionEmbeddings))]);
        string x = g.LayerNorm(sum, "embeddings.LayerNorm", DistilBertModel.LayerNormEps);
        string bias = g.PaddingBias(maskFloat);
        var layer = new LayerNames("attention.q_lin", "attention.k_lin", "attention.v_lin", "attention.out_lin", "sa_layer_norm", "ffn.lin1", "ffn.lin2", "output_layer_norm");
        for (int i = 0; i < c.NLayers; i++)
        {
            x = Layer(g, x, bias, $"transformer.layer.{i}.", layer, c.NHeads, c.Dim, DistilBertModel.LayerNormEps, c.Activation);
        }

        return (x, maskFloat);
    }

    private static (string, string) MPNet(GraphBlocks g, MPNetConfig c, int maxLength)
    {
        (string ids, _, string maskFloat) = Inputs(g);
        string sum = g.Builder.Node("Add", [Gather(g, "embeddings.word_embeddings.weight", ids), Gather(g, "embeddings.position_embeddings.weight", g.PaddingPositions(ids, MPNetModel.PaddingIdx))]);
        string x = g.LayerNorm(sum, "embeddings.LayerNorm", c.LayerNormEps);

        // The relative position buckets of every (query, key) pair, computed once as the TorchSharp encoder does, sliced to T×T.
        long[] table;
        using (Tensor buckets = MPNetEncoder.RelativePositionBuckets(maxLength, c.RelativeAttentionNumBuckets, CPU))
        {
            table = buckets.data<long>().ToArray();
        }

        string length = g.SequenceLength(ids);
        string ends = g.Builder.Node("Concat", [length, length], B.Int("axis", 0));
        string pairs = g.Builder.Node("Slice", [g.Builder.IntConstant("relative_position_buckets", table, maxLength, maxLength), g.Builder.Ints(0, 0), ends, g.Builder.Ints(0, 1)]);
        string positionBias = g.Builder.Node("Transpose", [Gather(g, "encoder.relative_attention_bias.weight", pairs)], B.IntList("perm", 2, 0, 1));
        string bias = g.Builder.Node("Add", [g.Builder.Node("Unsqueeze", [positionBias, g.Builder.Ints(0)]), g.PaddingBias(maskFloat)]);
        var layer = new LayerNames("attention.attn.q", "attention.attn.k", "attention.attn.v", "attention.attn.o", "attention.LayerNorm", "intermediate.dense", "output.dense", "output.LayerNorm");
        for (int i = 0; i < c.NumHiddenLayers; i++)
        {
            x = Layer(g, x, bias, $"encoder.layer.{i}.", layer, c.NumAttentionHeads, c.HiddenSize, c.LayerNormEps, c.HiddenAct);
        }

        return (x, maskFloat);
    }

    // One post-LayerNorm layer, as all three architectures compute it; only the parameter names differ.
    private static string Layer(GraphBlocks g, string x, string bias, string prefix, LayerNames n, int heads, int hidden, double epsilon, string activation)
    {
        string attended = g.Linear(g.Attention(x, prefix + n.Query, prefix + n.Key, prefix + n.Value, heads, hidden, bias), prefix + n.AttentionOutput);
        string normed = g.LayerNorm(g.Builder.Node("Add", [attended, x]), prefix + n.AttentionNorm, epsilon);
        string fed = g.Linear(g.Activation(g.Linear(normed, prefix + n.Expand), activation), prefix + n.Contract);
        return g.LayerNorm(g.Builder.Node("Add", [fed, normed]), prefix + n.OutputNorm, epsilon);
    }

    private static string Gather(GraphBlocks g, string weight, string indices) => g.Builder.Node("Gather", [g.Weight(weight), indices], B.Int("axis", 0));

    private sealed record LayerNames(string Query, string Key, string Value, string AttentionOutput, string AttentionNorm, string Expand, string Contract, string OutputNorm);
}
