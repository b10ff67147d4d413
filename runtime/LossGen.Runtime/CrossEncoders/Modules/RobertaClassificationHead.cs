using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossGen.CrossEncoders.Modules;

/// <summary>
/// The head of <c>RobertaForSequenceClassification</c>, <c>XLMRobertaForSequenceClassification</c> and
/// <c>MPNetForSequenceClassification</c> (<c>classifier.*</c>): dropout, dense, tanh, dropout, out_proj on &lt;s&gt;,
/// with no pooler (as BAAI/bge-reranker-base scores).
/// </summary>
public sealed class RobertaClassificationHead : ClassificationHead
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    private readonly Head classifier;
#pragma warning restore IDE1006

    /// <summary>Creates the head of <paramref name="architecture"/> over <paramref name="hiddenSize"/>-wide token embeddings.</summary>
    public RobertaClassificationHead(string architecture, int hiddenSize, int numLabels, double dropoutProbability)
        : base(nameof(RobertaClassificationHead), numLabels)
    {
        Architecture = architecture;
        classifier = new Head(hiddenSize, numLabels, dropoutProbability);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override string Architecture { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor tokens) => classifier.call(FirstToken(tokens));

    /// <inheritdoc />
    internal override string WriteGraph(LossGen.Export.GraphBlocks g, string first) =>
        g.Linear(g.Builder.Node("Tanh", [g.Linear(first, "classifier.dense")]), "classifier.out_proj");

    private sealed class Head : nn.Module<Tensor, Tensor>
    {
#pragma warning disable IDE1006 // Hugging Face parameter names.
        private readonly Dropout dropout;
        private readonly Linear dense;
        private readonly Linear out_proj;
#pragma warning restore IDE1006

        public Head(int hiddenSize, int numLabels, double dropoutProbability)
            : base("RobertaClassificationHead")
        {
            dropout = nn.Dropout(dropoutProbability);
            dense = nn.Linear(hiddenSize, hiddenSize);
            out_proj = nn.Linear(hiddenSize, numLabels);
            RegisterComponents();
        }

        public override Tensor forward(Tensor first)
        {
            using var scope = NewDisposeScope();
            return out_proj.call(dropout.call(dense.call(dropout.call(first)).tanh())).MoveToOuterDisposeScope();
        }
    }
}
