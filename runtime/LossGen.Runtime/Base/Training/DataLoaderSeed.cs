using static TorchSharp.torch;

namespace LossGen.Training;

/// <summary>
/// The one draw the reference makes on torch's global generator when an epoch's iteration begins: PyTorch's
/// DataLoader iterator takes its base seed (for worker processes) as one int64 <c>random_()</c> from the global generator
/// even with no workers. Dropout masks come from the same stream, so a seeded run repeats sentence-transformers' run
/// only if it draws there too (<c>../shared/golden/training/real-trainer-stsb-seed0.json</c> counts the draws).
/// </summary>
internal static class DataLoaderSeed
{
    // TorchSharp has only random_(from, to); over a range of 2^32 or more an int64 draw takes one random64 (two
    // mt19937 outputs), as the reference's random_() does, so the generator moves on exactly as far.
    private const double Range = 4611686018427387904.0; // 2^62

    /// <summary>Draws, and drops, the base seed of an epoch's data loader.</summary>
    public static void Draw()
    {
        using Tensor seed = empty([], ScalarType.Int64).random_(0, Range);
    }
}
