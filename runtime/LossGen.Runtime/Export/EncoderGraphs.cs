using System;
using System.Linq;
using LossGen.Models.Bert;
using LossGen.Models.DistilBert;
using LossGen.Models.MPNet;
using LossGen.Models.Transformers;
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
        for (int i = 0; i < c.NumHiddenLayers; i++)
        {
            string p = $"encoder.layer.{i}.";
            string attended = g.Linear(g.Attention(x, p + "attention.self.query", p + "attention.self.key", p + "attention.self.value", c.NumAttentionHeads, c.HiddenSize, bias), p + "attention.output.dense");
            string normed = g.LayerNorm(g.Builder.Node("Add", [attended, x]), p + "attention.output.LayerNorm", c.LayerNormEps);
            string fed = g.Linear(g.Activation(g.Linear(normed, p + "intermediate.dense"), c.HiddenAct), p + "output.dense");
            x = g.LayerNorm(g.Builder.Node("Add", [fed, normed]), p + "output.LayerNorm", c.LayerNormEps);
        }

        return (x, maskFloat);
    }

    private static (string, string) DistilBert(GraphBlocks g, DistilBertConfig c)
    {
        (string ids, _, string maskFloat) = Inputs(g);
        string sum = g.Builder.Node("Add", [Gather(g, "embeddings.word_embeddings.weight", ids), Gather(g, "embeddings.position_embeddings.weight", g.AbsolutePositions(ids, c.MaxPositionEmbeddings))]);
        string x = g.LayerNorm(sum, "embeddings.LayerNorm", DistilBertModel.LayerNormEps);
        string bias = g.PaddingBias(maskFloat);
        for (int i = 0; i < c.NLayers; i++)
        {
            string p = $"transformer.layer.{i}.";
            string attended = g.Linear(g.Attention(x, p + "attention.q_lin", p + "attention.k_lin", p + "attention.v_lin", c.NHeads, c.Dim, bias), p + "attention.out_lin");
            string normed = g.LayerNorm(g.Builder.Node("Add", [attended, x]), p + "sa_layer_norm", DistilBertModel.LayerNormEps);
            string fed = g.Linear(g.Activation(g.Linear(normed, p + "ffn.lin1"), c.Activation), p + "ffn.lin2");
            x = g.LayerNorm(g.Builder.Node("Add", [fed, normed]), p + "output_layer_norm", DistilBertModel.LayerNormEps);
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
        for (int i = 0; i < c.NumHiddenLayers; i++)
        {
            string p = $"encoder.layer.{i}.";
            string attended = g.Linear(g.Attention(x, p + "attention.attn.q", p + "attention.attn.k", p + "attention.attn.v", c.NumAttentionHeads, c.HiddenSize, bias), p + "attention.attn.o");
            string normed = g.LayerNorm(g.Builder.Node("Add", [attended, x]), p + "attention.LayerNorm", c.LayerNormEps);
            string fed = g.Linear(g.Activation(g.Linear(normed, p + "intermediate.dense"), c.HiddenAct), p + "output.dense");
            x = g.LayerNorm(g.Builder.Node("Add", [fed, normed]), p + "output.LayerNorm", c.LayerNormEps);
        }

        return (x, maskFloat);
    }

    private static string Gather(GraphBlocks g, string weight, string indices) => g.Builder.Node("Gather", [g.Weight(weight), indices], B.Int("axis", 0));
}
