using System.Linq;
using LossGen.Backbones;
using LossGen.Cpu;
using LossGen.Tests.Support;
using Xunit;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace LossGen.Tests.Cpu;

[Collection(SequentialCollection.Name)]
public sealed class PackedAttentionTests
{
    // Lengths cover a single token, lengths that are not whole blocks of four queries or sixteen keys, and a long one.
    private static readonly long[] Lengths = [1, 7, 16, 33, 4, 70];

    [Theory]
    [InlineData(12, 32, ScalarType.Float32, 1e-5)]
    [InlineData(4, 64, ScalarType.Float32, 1e-5)]
    [InlineData(12, 32, ScalarType.BFloat16, 1e-2)]
    public void Attention_on_the_packed_tokens_equals_the_fused_kernel_on_the_padded_batch(int heads, int depth, ScalarType dtype, double tolerance)
    {
        using var leaks = new TensorLeakGuard();
        using var inference = inference_mode();
        long width = heads * depth, longest = Lengths.Max();
        Tensor mask = stack(Lengths.Select(l => arange(longest).lt(l).to(ScalarType.Int64)).ToArray());
        using TokenLayout layout = TokenLayout.FromMask(mask);
        Tensor qkv = randn([layout.Count, 3 * width], generator: new Generator(5)).to(dtype);

        Assert.True(PackedAttention.Applies(qkv, heads, MultiHeadAttention.KeepMask(mask), 0.0, layout));
        Tensor actual = PackedAttention.Attend(qkv, heads, layout).to(ScalarType.Float32);

        Tensor[] parts = layout.Pad(qkv.to(ScalarType.Float32)).chunk(3, -1);
        Tensor expected = layout.Pack(MultiHeadAttention.Attend(parts[0], parts[1], parts[2], heads, MultiHeadAttention.KeepMask(mask), 0.0));
        Assert.Equal(expected.shape, actual.shape);
        // bfloat16 keeps 8 significant bits: the context is rounded once, to within 2⁻⁸ of float32 attention of the same inputs.
        Assert.True(actual.allclose(expected, rtol: tolerance, atol: tolerance), $"largest difference {(actual - expected).abs().max().item<float>()}");
    }

    [Fact]
    public void Training_dropout_additive_masks_and_head_widths_off_the_vector_width_keep_the_fused_kernel()
    {
        using var leaks = new TensorLeakGuard();
        Tensor mask = ones(2, 5, dtype: ScalarType.Int64);
        using TokenLayout layout = TokenLayout.FromMask(mask);
        Tensor qkv = randn(10, 3 * 64);
        Tensor keep = MultiHeadAttention.KeepMask(mask);
        Assert.False(PackedAttention.Applies(qkv, 2, keep, 0.0, layout), "gradients are on");
        using (no_grad())
        {
            Assert.True(PackedAttention.Applies(qkv, 2, keep, 0.0, layout));
            Assert.False(PackedAttention.Applies(qkv, 2, keep, 0.1, layout), "dropout");
            Assert.False(PackedAttention.Applies(qkv, 2, zeros(2, 2, 5, 5), 0.0, layout), "an additive bias");
            Assert.False(PackedAttention.Applies(qkv, 8, keep, 0.0, layout), "head width 8");
            Assert.False(PackedAttention.Applies(qkv, 2, keep, 0.0, null), "no packed layout");
        }
    }
}
