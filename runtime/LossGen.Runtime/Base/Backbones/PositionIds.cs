using static TorchSharp.torch;

namespace LossGen.Backbones;

/// <summary>How the architectures number their positions.</summary>
public static class PositionIds
{
    /// <summary>BERT and DistilBERT: 0, 1, 2, … for every sequence (1×T).</summary>
    public static Tensor Absolute(Tensor inputIds) => arange(inputIds.shape[1], dtype: ScalarType.Int64, device: inputIds.device).unsqueeze(0);

    /// <summary>
    /// RoBERTa, XLM-RoBERTa and MPNet (transformers' <c>create_position_ids_from_input_ids</c>): real tokens count from
    /// <paramref name="paddingIdx"/> + 1, padding tokens keep <paramref name="paddingIdx"/> (B×T).
    /// </summary>
    public static Tensor FromPadding(Tensor inputIds, long paddingIdx)
    {
        using var scope = NewDisposeScope();
        Tensor mask = inputIds.ne(paddingIdx).to(ScalarType.Int64);
        return mask.cumsum(1).mul(mask).add(paddingIdx).MoveToOuterDisposeScope();
    }
}
