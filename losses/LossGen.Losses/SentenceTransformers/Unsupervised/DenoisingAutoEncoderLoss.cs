using System;
using LossGen.Backbones;
using LossGen.Backbones.Bert;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// DenoisingAutoEncoderLoss (TSDAE): the model embeds a damaged sentence, and a decoder tied to the encoder must
/// reconstruct the original sentence from that embedding alone. Train on (damaged, original) pairs from
/// <see cref="DenoisingAutoEncoderDataset"/>. The decoder shares the encoder's weights and adds cross-attention and an
/// LM head, which the loss owns and trains.
/// </summary>
[Loss]
[RequiresInput(InputKind.Pair)]
[RequiresLoader(typeof(DenoisingAutoEncoderDataset))]
[TextOnly]
[Citation("""
@inproceedings{wang-2021-TSDAE,
    title = "TSDAE: Using Transformer-based Sequential Denoising Auto-Encoderfor Unsupervised Sentence Embedding Learning",
    author = "Wang, Kexin and Reimers, Nils and Gurevych, Iryna",
    booktitle = "Findings of the Association for Computational Linguistics: EMNLP 2021",
    month = nov,
    year = "2021",
    address = "Punta Cana, Dominican Republic",
    publisher = "Association for Computational Linguistics",
    pages = "671--688",
    url = "https://arxiv.org/abs/2104.06979",
}
""")]
public sealed partial class DenoisingAutoEncoderLoss
{
    /// <summary>Tie the decoder to the encoder (<c>tie_encoder_decoder</c>); a separate decoder checkpoint is not supported.</summary>
    [HyperParameter(true)]
    public partial bool TieEncoderDecoder { get; }

    /// <summary>The decoder, or <c>null</c> without a model.</summary>
    public BertTiedDecoder? Decoder { get; private set; }

    partial void OnCreated()
    {
        if (!TieEncoderDecoder)
        {
            throw new NotSupportedException($"{nameof(DenoisingAutoEncoderLoss)}: only a decoder tied to the encoder is supported (tie_encoder_decoder = true); loading a separate decoder checkpoint needs a network.");
        }

        if (Model is null)
        {
            return;
        }

        if (Model is not SentenceTransformer transformer)
        {
            throw new ArgumentException($"{nameof(DenoisingAutoEncoderLoss)} ties its decoder to a BERT encoder; {Model.GetType().Name} is not a SentenceTransformer.", "model");
        }

        if (transformer.Transformer is not BertModel bert || bert.ModelType != "bert")
        {
            throw new ArgumentException($"{nameof(DenoisingAutoEncoderLoss)} ties its decoder to a BERT encoder; this model's transformer is {transformer.Transformer.ModelType}.", "model");
        }

        Decoder = new BertTiedDecoder(bert);
        register_module("decoder", Decoder);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Column 0 (damaged) is embedded; column 1 (original) is tokenized and reconstructed with teacher forcing; the loss
    /// is the mean cross-entropy over the non-padding target tokens.
    /// </remarks>
    public override Tensor Compute(TextBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var model = (SentenceTransformer)RequireModel();
        if (batch.Columns.Count != 2)
        {
            throw new LossInputException($"{nameof(DenoisingAutoEncoderLoss)} expects (damaged, original) pairs; got {batch.Columns.Count} column(s).");
        }

        using var scope = NewDisposeScope();
        Tensor memory = model.Encode(batch.Columns[0]).unsqueeze(1);
        (Tensor ids, _) = model.Tokenizer.EncodeBatch(batch.Columns[1], model.MaxSeqLength, model.Device);
        long length = ids.shape[1];
        Tensor logits = Decoder!.call(ids.narrow(1, 0, length - 1), memory);
        Tensor targets = ids.narrow(1, 1, length - 1);
        return F.cross_entropy(logits.reshape(-1, logits.shape[2]), targets.reshape(-1), ignore_index: model.Tokenizer.PadId).MoveToOuterDisposeScope();
    }
}
