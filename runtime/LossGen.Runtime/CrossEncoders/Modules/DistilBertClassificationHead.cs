using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.CrossEncoders.Modules;

/// <summary><c>DistilBertForSequenceClassification</c>'s head: pre_classifier, ReLU, dropout (<c>seq_classif_dropout</c>), classifier on [CLS].</summary>
public sealed class DistilBertClassificationHead : ClassificationHead
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly Linear pre_classifier;
    private readonly Dropout dropout;
    private readonly Linear classifier;
#pragma warning restore IDE1006

    /// <summary>Creates the head over <paramref name="hiddenSize"/>-wide token embeddings.</summary>
    public DistilBertClassificationHead(int hiddenSize, int numLabels, double dropoutProbability)
        : base(nameof(DistilBertClassificationHead), numLabels)
    {
        pre_classifier = nn.Linear(hiddenSize, hiddenSize);
        dropout = nn.Dropout(dropoutProbability);
        classifier = nn.Linear(hiddenSize, numLabels);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override string Architecture => "DistilBertForSequenceClassification";

    /// <inheritdoc />
    public override Tensor forward(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        return classifier.call(dropout.call(nn.functional.relu(pre_classifier.call(FirstToken(tokens))))).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    internal override string WriteGraph(LossGen.Export.GraphBlocks g, string first) =>
        g.Linear(g.Builder.Node("Relu", [g.Linear(first, "pre_classifier")]), "classifier");
}
