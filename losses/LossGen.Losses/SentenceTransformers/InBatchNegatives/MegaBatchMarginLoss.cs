using System;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// MegaBatchMarginLoss (ParaNMT): each anchor's positive must score above <c>positive_margin</c> and its hardest
/// in-batch negative below <c>negative_margin</c>. Meant for very large batches (500+). The mini-batched mode chunks the
/// anchors and back-propagates every chunk, so it equals the plain formula (the reference trains on its last chunk only).
/// </summary>
[Loss]
[BatchSizeAdvice(Minimum = 500, MiniBatchDivides = true)]
[RecommendsSampler(typeof(NoDuplicatesBatchSampler<>))]
[RequiresInput(InputKind.Pair)]
[Pairing(Pairing.InBatchNegatives)]
[Citation("""
@inproceedings{wieting-gimpel-2018-paranmt,
    title = "{P}ara{NMT}-50{M}: Pushing the Limits of Paraphrastic Sentence Embeddings with Millions of Machine Translations",
    author = "Wieting, John and Gimpel, Kevin",
    editor = "Gurevych, Iryna and Miyao, Yusuke",
    booktitle = "Proceedings of the 56th Annual Meeting of the Association for Computational Linguistics (Volume 1: Long Papers)",
    month = jul,
    year = "2018",
    address = "Melbourne, Australia",
    publisher = "Association for Computational Linguistics",
    url = "https://aclanthology.org/P18-1042",
    doi = "10.18653/v1/P18-1042",
    pages = "451--462",
}
""")]
public sealed partial class MegaBatchMarginLoss
{
    /// <summary>The similarity a positive pair must reach (<c>positive_margin</c>).</summary>
    [HyperParameter(0.8f)]
    public partial float PositiveMargin { get; }

    /// <summary>The similarity the hardest negative must stay under (<c>negative_margin</c>).</summary>
    [HyperParameter(0.3f)]
    public partial float NegativeMargin { get; }

    /// <summary>Score anchors in chunks of <see cref="MiniBatchSize"/> (<c>use_mini_batched_version</c>).</summary>
    [HyperParameter(true)]
    public partial bool UseMiniBatchedVersion { get; }

    /// <summary>Anchors per chunk in the mini-batched mode (<c>mini_batch_size</c>).</summary>
    [MiniBatchSize(50)]
    public partial int MiniBatchSize { get; }

    /// <summary>In the mini-batched mode, mini-batches packed by a budget of non-padding tokens instead of <see cref="MiniBatchSize"/> rows (<c>mini_batch_num_tokens</c>); memory, not the result, depends on it.</summary>
    [HyperParameter(null, Minimum = 1)]
    public partial int? MiniBatchNumTokens { get; }

    /// <inheritdoc />
    /// <remarks>
    /// In the mini-batched mode the batch is embedded in mini-batches with GradCache, as sentence-transformers v5.7+
    /// does, so memory is one mini-batch's; value and gradients equal the whole-batch formula.
    /// </remarks>
    public override Tensor Compute(TextBatch batch) =>
        UseMiniBatchedVersion ? GradientCache.Compute(this, batch, MiniBatchSize, MiniBatchNumTokens) : base.Compute(batch);

    [LossMath]
    private Tensor Compute(Tensor anchor, Tensor positive)
    {
        long batch = anchor.shape[0];
        long chunk = UseMiniBatchedVersion ? Math.Min(MiniBatchSize, batch) : batch;
        // cos_sim normalises both sides; doing it once, not per chunk, keeps the chunks to one matrix product each.
        Tensor anchors = Similarities.Normalize(anchor);
        Tensor positives = Similarities.Normalize(positive);
        Tensor columns = arange(batch, dtype: ScalarType.Int64, device: anchor.device);
        // The reference subtracts 2 from each anchor's own column, which no other similarity can then fall below.
        Tensor ownTwice = eye(batch, dtype: anchor.dtype, device: anchor.device).mul_(2);
        Tensor? total = null;
        for (long start = 0; start < batch; start += chunk)
        {
            long length = Math.Min(chunk, batch - start);
            Tensor rows = columns.narrow(0, start, length);
            // similarities [length, B]; anchor i's own positive sits in column i.
            Tensor similarities = anchors.narrow(0, start, length).matmul(positives.t());
            Tensor positiveScores = similarities.gather(1, rows.unsqueeze(1)).squeeze(1);
            Tensor hardestNegative = similarities.sub(ownTwice.narrow(0, start, length)).max(1).values;
            Tensor perAnchor = F.relu(positiveScores.neg().add(PositiveMargin)).add(F.relu(hardestNegative.sub(NegativeMargin)));
            Tensor part = perAnchor.sum().div(batch);
            total = total is null ? part : total.add(part);
        }

        return total!;
    }
}
