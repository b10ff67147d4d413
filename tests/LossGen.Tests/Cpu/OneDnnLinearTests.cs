using System.Collections.Generic;
using System.Linq;
using LossGen.Backbones;
using LossGen.Cpu;
using LossGen.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Cpu;

[Collection(SequentialCollection.Name)]
public sealed class OneDnnLinearTests
{
    // Widths that are whole blocks of 32 and widths that are not (odd, multiples of 8 or 16 only); 40, 80, 112 and 144
    // outputs are where oneDNN's kernel was measured wrong on an AMD family 26 CPU.
    private static readonly (long Inputs, long Outputs)[] Widths = [(48, 80), (37, 40), (48, 112), (384, 144), (33, 16), (32, 32), (64, 96), (96, 160)];

    // Every residue of the 16-row images, then past the sizes where the kernel's partitions change.
    private static readonly long[] Rows = [.. Enumerable.Range(1, 70).Select(r => (long)r), 255, 1000, 4097];

    public static IEnumerable<object[]> Settings() =>
        from threads in new[] { 1, 2 } from withBias in new[] { true, false } select new object[] { threads, withBias };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Every_shape_gives_linear_s_values_and_gradients_within_float_rounding(int threads, bool withBias)
    {
        using var leaks = new TensorLeakGuard();
        using var intraOp = IntraOpThreads.Set(threads);
        var failures = new List<string>();
        foreach ((long inputs, long outputs) in Widths)
        {
            foreach (long rows in Rows.Where(r => r <= 70 || inputs * outputs <= 48 * 160))
            {
                string? failure = Compare([rows, inputs], outputs, withBias);
                if (failure is not null)
                {
                    failures.Add($"{rows}×{inputs} by {outputs}: {failure}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
    }

    [Theory]
    [InlineData(new long[] { 3, 11, 64 }, 96, 2)]
    [InlineData(new long[] { 4, 8, 32 }, 160, 1)]
    public void Batched_inputs_keep_their_leading_dimensions(long[] shape, long outputs, int threads)
    {
        using var leaks = new TensorLeakGuard();
        using var intraOp = IntraOpThreads.Set(threads);
        Assert.Null(Compare(shape, outputs, withBias: true));
    }

    [Fact]
    public void Only_whole_blocks_of_channels_are_sent_to_the_kernel()
    {
        using var leaks = new TensorLeakGuard();
        using var input = zeros(5, 48);
        foreach (long outputs in new long[] { 16, 40, 48, 80, 112, 144 })
        {
            using var weight = zeros(outputs, 48);
            Assert.False(OneDnnLinear.Applies(input, weight), $"48 → {outputs}");
        }

        using var partialInput = zeros(5, 37);
        using var whole = zeros(64, 37);
        Assert.False(OneDnnLinear.Applies(partialInput, whole));
    }

    [Fact]
    public void Widths_the_self_check_does_not_cover_stay_on_linear_even_in_whole_blocks()
    {
        // Measured wrong or fatal on an AMD family 26 CPU: the widths of ModernBERT, Qwen3 and Gemma3 layers.
        using var leaks = new TensorLeakGuard();
        foreach ((long inputs, long outputs) in new[] { (2048L, 1024L), (3072L, 1024L), (1024L, 2048L), (1024L, 4096L), (1024L, 1024L), (2048L, 2048L) })
        {
            using var input = zeros(16, inputs);
            using var weight = zeros(outputs, inputs);
            Assert.False(OneDnnLinear.Applies(input, weight), $"{inputs} → {outputs}");
        }
    }

    [Fact]
    public void The_kernel_is_used_exactly_where_the_CPU_gains_and_its_self_check_agrees()
    {
        using var leaks = new TensorLeakGuard();
        using var input = zeros(5, 64);
        using var weight = zeros(96, 64);
        bool amdAvx512 = System.Runtime.Intrinsics.X86.Avx512F.IsSupported && System.Runtime.Intrinsics.X86.X86Base.CpuId(0, 0).Ebx == 0x68747541;
        Assert.Equal(amdAvx512 && OneDnnLinear.SelfCheck(), OneDnnLinear.Applies(input, weight));
    }

    // Null when the dispatched product and its three gradients equal linear's within float rounding, else what differs.
    private static string? Compare(long[] shape, long outputs, bool withBias)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(3);
        Tensor input = randn(shape, generator: generator).requires_grad_();
        Tensor weight = randn([outputs, shape[^1]], generator: generator).requires_grad_();
        Tensor? bias = withBias ? randn([outputs], generator: generator).requires_grad_() : null;
        Tensor upstream = randn([.. shape[..^1], outputs], generator: generator);

        Tensor[] Run(System.Func<Tensor> product)
        {
            Tensor output = product();
            Tensor[] inputs = bias is null ? [input, weight] : [input, weight, bias];
            return [output.detach(), .. autograd.grad([output], inputs, [upstream])];
        }

        Tensor[] expected = Run(() => nn.functional.linear(input, weight, bias));
        Tensor[] actual = Run(() => OneDnnLinear.Linear(input, weight, bias));
        if (!expected[0].shape.SequenceEqual(actual[0].shape))
        {
            return $"shape [{string.Join(", ", actual[0].shape)}]";
        }

        for (int i = 0; i < expected.Length; i++)
        {
            if (!actual[i].allclose(expected[i], rtol: 1e-4, atol: 1e-3))
            {
                return $"{(i == 0 ? "values" : $"gradient {i}")} off by {(actual[i] - expected[i]).abs().max().item<float>()}";
            }
        }

        return null;
    }
}
