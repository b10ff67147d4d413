using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.SentenceTransformers.Losses;

/// <summary>
/// The base of every loss. Declared losses derive from it through generated code; it is a TorchSharp module so that
/// parameters a loss owns (a classifier, a learnable scale) move with <c>to(device)</c> and reach the optimizer.
/// </summary>
public abstract class SentenceLoss : nn.Module<EmbeddingBatch, Tensor>
{
    /// <summary>Creates the loss for <paramref name="model"/>.</summary>
    protected SentenceLoss(string name, ISentenceEncoder? model)
        : base(name)
    {
        Model = model;
    }

    /// <summary>The model being trained, or <c>null</c> when the loss is only used on precomputed embeddings.</summary>
    public ISentenceEncoder? Model { get; }

    /// <summary>What the declaration says about this loss: input kind, label kind, column bounds, traits.</summary>
    public abstract LossDescriptor Descriptor { get; }

    /// <summary>The BibTeX entry to cite, or <c>null</c> where sentence-transformers has none.</summary>
    public virtual string? Citation => null;

    /// <summary>The hyper-parameters by their sentence-transformers names, as model cards show them.</summary>
    public abstract IReadOnlyDictionary<string, object?> GetConfigDictionary();

    /// <summary>The loss of precomputed embeddings (one tensor per text column) and labels, with no model involved.</summary>
    public Tensor ComputeFromEmbeddings(IReadOnlyList<Tensor> columns, Tensor? labels = null) =>
        ComputeFromEmbeddings(new EmbeddingBatch(columns, labels));

    /// <summary>The loss of a batch of precomputed embeddings: the seam used by wrappers, tests and users.</summary>
    public abstract Tensor ComputeFromEmbeddings(EmbeddingBatch batch);

    /// <summary>
    /// The loss of a batch of precomputed embeddings as named components, as sentence-transformers' losses that return
    /// a dict do (GlobalOrthogonalRegularizationLoss): the trainer sums them and logs each. A loss that returns one
    /// tensor has one component, <c>"loss"</c>.
    /// </summary>
    public virtual IReadOnlyDictionary<string, Tensor> ComputeComponents(EmbeddingBatch batch) =>
        new Dictionary<string, Tensor>(StringComparer.Ordinal) { ["loss"] = ComputeFromEmbeddings(batch) };

    /// <inheritdoc />
    public override Tensor forward(EmbeddingBatch input) => ComputeFromEmbeddings(input);

    /// <summary>Embeds each text column of <paramref name="batch"/> with <see cref="Model"/> and returns the loss.</summary>
    /// <remarks>Gradient-cached losses override this to embed in mini-batches and replay them during backward.</remarks>
    public virtual Tensor Compute(TextBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        return ComputeFromEmbeddings(Embed(batch)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The loss of a text batch as named components (see <see cref="ComputeComponents(EmbeddingBatch)"/>), which the
    /// trainer sums and logs one by one; one component, <c>"loss"</c>, for a loss that returns a tensor.
    /// </summary>
    public virtual IReadOnlyDictionary<string, Tensor> ComputeComponents(TextBatch batch) =>
        new Dictionary<string, Tensor>(StringComparer.Ordinal) { ["loss"] = Compute(batch) };

    /// <summary>Each text column of <paramref name="batch"/> embedded by <see cref="Model"/>, with the labels on its device and the guide's embeddings.</summary>
    protected EmbeddingBatch Embed(TextBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ISentenceEncoder model = RequireModel();
        var embeddings = new Tensor[batch.Columns.Count];
        for (int column = 0; column < batch.Columns.Count; column++)
        {
            embeddings[column] = model.Encode(batch.Columns[column]);
        }

        return new EmbeddingBatch(embeddings, batch.Labels?.to(model.Device), EmbedGuide(batch));
    }

    /// <summary>For guided losses (GISTEmbed), the frozen guide model's embeddings of each column; <c>null</c> otherwise.</summary>
    public virtual IReadOnlyList<Tensor>? EmbedGuide(TextBatch batch) => null;

    /// <summary>Embeds every column with a frozen <paramref name="guide"/>, without gradients.</summary>
    protected IReadOnlyList<Tensor> EmbedWithGuide(ISentenceEncoder? guide, TextBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (guide is null)
        {
            throw new InvalidOperationException($"{Descriptor.Name} was created without a guide model; pass one to its constructor to train.");
        }

        using (no_grad())
        {
            return batch.Columns.Select(texts => guide.Encode(texts)).ToArray();
        }
    }

    /// <summary>
    /// Collates examples for this loss when its type is only known at run time; declared losses also have static,
    /// typed <c>Collate</c> methods that reject examples of the wrong kind at compile time.
    /// </summary>
    public TextBatch CollateBatch<TExample>(IReadOnlyList<TExample> examples, Device? device = null)
        where TExample : ITrainingExample => Collation.Collate(Descriptor, examples, device);

    /// <summary>Embeds each text column with <see cref="Model"/> and returns the loss.</summary>
    public Tensor Compute(IReadOnlyList<IReadOnlyList<string>> textColumns, Tensor? labels) => Compute(new TextBatch(textColumns, labels));

    /// <summary>The model, or a clear error when the loss was built without one.</summary>
    protected ISentenceEncoder RequireModel() => Model
        ?? throw new InvalidOperationException($"{Descriptor.Name} was created without a model; pass one to its constructor to train, or call ComputeFromEmbeddings.");
}
