using System.Collections.Generic;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// SoftmaxLoss (SBERT's NLI objective): a linear classifier over <c>[u, v, |u − v|, u·v]</c> trained with cross-entropy
/// on class-labelled pairs. The classifier belongs to the loss and is trained with the model.
/// </summary>
[Loss]
[RequiresInput(InputKind.LabeledPair)]
[Citation("""
@inproceedings{reimers-2019-sentence-bert,
    title = "Sentence-BERT: Sentence Embeddings using Siamese BERT-Networks",
    author = "Reimers, Nils and Gurevych, Iryna",
    booktitle = "Proceedings of the 2019 Conference on Empirical Methods in Natural Language Processing",
    month = "11",
    year = "2019",
    publisher = "Association for Computational Linguistics",
    url = "https://arxiv.org/abs/1908.10084",
}
""")]
public sealed partial class SoftmaxLoss
{
    /// <summary>The model's embedding dimension (<c>sentence_embedding_dimension</c>).</summary>
    [HyperParameter(Minimum = 1)]
    public partial int SentenceEmbeddingDimension { get; }

    /// <summary>The number of classes (<c>num_labels</c>).</summary>
    [HyperParameter(Minimum = 1)]
    public partial int NumLabels { get; }

    /// <summary>Concatenate <c>u</c> and <c>v</c> (<c>concatenation_sent_rep</c>).</summary>
    [HyperParameter(true)]
    public partial bool ConcatenationSentRep { get; }

    /// <summary>Concatenate <c>|u − v|</c> (<c>concatenation_sent_difference</c>).</summary>
    [HyperParameter(true)]
    public partial bool ConcatenationSentDifference { get; }

    /// <summary>Concatenate <c>u · v</c> (<c>concatenation_sent_multiplication</c>).</summary>
    [HyperParameter(false)]
    public partial bool ConcatenationSentMultiplication { get; }

    /// <summary>The classifier: logits = features · Wᵀ + b, with <c>torch.nn.Linear</c>'s default initialisation.</summary>
    public TorchSharp.Modules.Linear Classifier { get; private set; } = null!;

    partial void OnCreated()
    {
        int parts = (ConcatenationSentRep ? 2 : 0) + (ConcatenationSentDifference ? 1 : 0) + (ConcatenationSentMultiplication ? 1 : 0);
        if (parts == 0)
        {
            throw new System.ArgumentException($"{nameof(SoftmaxLoss)} needs at least one concatenation flag set; all three are false.");
        }

        Classifier = nn.Linear(parts * SentenceEmbeddingDimension, NumLabels, device: Model?.Device);
        register_module("classifier", Classifier);
    }

    [LossMath]
    private Tensor Compute(Tensor sentence1, Tensor sentence2, Tensor labels)
    {
        var features = new List<Tensor>();
        if (ConcatenationSentRep)
        {
            features.Add(sentence1);
            features.Add(sentence2);
        }

        if (ConcatenationSentDifference)
        {
            features.Add(sentence1.sub(sentence2).abs());
        }

        if (ConcatenationSentMultiplication)
        {
            features.Add(sentence1.mul(sentence2));
        }

        if (sentence1.shape[1] != SentenceEmbeddingDimension)
        {
            throw new LossInputException($"{nameof(SoftmaxLoss)}: the embeddings are {sentence1.shape[1]}-dimensional but sentence_embedding_dimension is {SentenceEmbeddingDimension}.");
        }

        Tensor outside = labels.view(-1).lt(0).logical_or(labels.view(-1).ge(NumLabels));
        if (outside.any().item<bool>())
        {
            long row = outside.nonzero()[0][0].item<long>();
            throw new LossInputException($"{nameof(SoftmaxLoss)}: the label of row {row} is {labels.view(-1)[row].item<long>()}, outside [0, num_labels = {NumLabels}).");
        }

        return F.cross_entropy(Classifier.call(cat(features.ToArray(), 1)), labels.view(-1));
    }
}
