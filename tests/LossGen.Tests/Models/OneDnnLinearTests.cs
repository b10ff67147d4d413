using LossGen.Models.Transformers;
using LossGen.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Models;

[Collection(SequentialCollection.Name)]
public sealed class OneDnnLinearTests
{
    [Theory]
    [InlineData(new long[] { 37, 48 }, 80, true, 2)]
    [InlineData(new long[] { 3, 11, 48 }, 144, true, 2)]
    [InlineData(new long[] { 5, 48 }, 16, false, 2)]
    [InlineData(new long[] { 37, 48 }, 80, true, 1)]
    [InlineData(new long[] { 4, 8, 48 }, 144, true, 1)]
    [InlineData(new long[] { 5, 48 }, 16, false, 1)]
    public void The_convolution_gives_linear_s_values_and_gradients_within_float_rounding(long[] shape, long outputs, bool withBias, int threads)
    {
        using var leaks = new TensorLeakGuard();
        using var intraOp = IntraOpThreads.Set(threads);
        Compare(shape, outputs, withBias);
    }

    private static void Compare(long[] shape, long outputs, bool withBias)
    {
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
        Tensor[] actual = Run(() => OneDnnLinear.Apply(input, weight, bias));
        Assert.Equal(expected[0].shape, actual[0].shape);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(actual[i].allclose(expected[i], rtol: 1e-5, atol: 1e-4), $"output or gradient {i} differs");
        }
    }
}
