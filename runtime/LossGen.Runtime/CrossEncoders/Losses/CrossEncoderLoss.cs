using System;
using System.Collections.Generic;
using LossGen.CrossEncoders.LossAlgorithms;
using TorchSharp;
using static TorchSharp.torch;

namespace LossGen.CrossEncoders.Losses;

/// <summary>
/// The base of every cross-encoder loss. Declared losses derive from it through generated code: the base asks the
/// model for the logits of the pairs the declaration's pairing forms, the generated <see cref="ComputeFromLogits"/>
/// holds the loss's math over them.
/// </summary>
public abstract class CrossEncoderLoss : nn.Module<LogitBatch, Tensor>
{
    /// <summary>Creates the loss for <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentException">The loss needs one logit per pair and the model has several.</exception>
    protected CrossEncoderLoss(string name, ICrossEncoderScorer? model)
        : base(name)
    {
        Model = model;
    }

    /// <summary>The model being trained, or <c>null</c> when the loss is only used on given logits.</summary>
    public ICrossEncoderScorer? Model { get; }

    /// <summary>What the declaration says about this loss: input and label kinds, column bounds, pairing.</summary>
    public abstract LossDescriptor Descriptor { get; }

    /// <summary>The BibTeX entry to cite, or <c>null</c> where sentence-transformers has none.</summary>
    public virtual string? Citation => null;

    /// <summary>The hyper-parameters by their sentence-transformers names, as model cards show them.</summary>
    public abstract IReadOnlyDictionary<string, object?> GetConfigDictionary();

    /// <summary>The loss of given logits, laid out as <see cref="LogitBatch"/> says: the seam used by tests and users.</summary>
    public abstract Tensor ComputeFromLogits(LogitBatch batch);

    /// <inheritdoc />
    public override Tensor forward(LogitBatch input) => ComputeFromLogits(input);

    /// <summary>Scores the pairs of <paramref name="batch"/> with <see cref="Model"/> and returns the loss.</summary>
    public virtual Tensor Compute(CrossEncoderBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ICrossEncoderScorer model = Model ?? throw new InvalidOperationException($"{Descriptor.Name} was created without a model; use ComputeFromLogits.");
        CheckLabels(model);
        using var scope = NewDisposeScope();
        LogitBatch logits = CrossEncoderScoring.Score(Descriptor, model, batch, Scoring);
        return ComputeFromLogits(logits).MoveToOuterDisposeScope();
    }

    /// <summary>How this loss asks the model for logits (its mini-batch size and number of in-batch negatives).</summary>
    protected virtual ScoringOptions Scoring => new();

    /// <summary>The scoring options, for GradCache, which scores through its own recorder.</summary>
    internal ScoringOptions ScoringOptions => Scoring;

    /// <summary>Refuses a model whose number of labels the loss cannot use, as sentence-transformers' constructors do.</summary>
    protected void CheckLabels(ICrossEncoderScorer? model)
    {
        // Only class ids spread over several logits; every other cross-encoder loss reads one logit per pair.
        if (model is not null && model.NumLabels != 1 && Descriptor.Label != LabelKind.ClassId)
        {
            throw new ArgumentException($"{Descriptor.Name} expects a model with 1 output label, but got a model with {model.NumLabels} output labels.", nameof(model));
        }
    }
}
