using System.Collections.Generic;
using System.Linq;
using LossGen.CrossEncoders.Losses;
using static TorchSharp.torch;

namespace LossGen.Tests.CrossEncoders;

/// <summary>
/// The golden cases' stub model: each (query, document) pair's logits looked up in a table and returned as a fresh
/// leaf, so nothing but the loss sits between the logits and the value; every call is recorded.
/// </summary>
internal sealed class TableScorer(int numLabels, IReadOnlyDictionary<(string, string), float[]> logits) : ICrossEncoderScorer, System.IDisposable
{
    public int NumLabels => numLabels;

    public Device Device => CPU;

    /// <summary>Each call's pairs, whether gradients were on, and the leaf it returned.</summary>
    public List<(IReadOnlyList<(string Query, string Document)> Pairs, bool GradEnabled, Tensor Leaf)> Calls { get; } = [];

    public Tensor Score(IReadOnlyList<(string Query, string Document)> pairs)
    {
        float[] values = pairs.SelectMany(p => logits[p]).ToArray();
        // Detached from the loss's dispose scope so the test can read its gradient after backward; Dispose releases it.
        Tensor leaf = tensor(values).reshape(pairs.Count, numLabels).requires_grad_(is_grad_enabled()).DetachFromDisposeScope();
        Calls.Add((pairs.ToArray(), is_grad_enabled(), leaf));
        return leaf;
    }

    public void Dispose()
    {
        foreach (var call in Calls)
        {
            call.Leaf.grad?.Dispose();
            call.Leaf.Dispose();
        }
    }
}
