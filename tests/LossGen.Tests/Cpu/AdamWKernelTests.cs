using System;
using LossGen.Cpu;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Training;
using LossGen.Tests.Support;
using LossGen.Training;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace LossGen.Tests.Cpu;

[Collection(SequentialCollection.Name)]
public sealed class AdamWKernelTests
{
    [Theory]
    [InlineData(1, 2e-5, 0.01)]
    [InlineData(3, 2e-5, 0.0)]
    [InlineData(200, 1e-3, 0.01)]
    public void The_fused_pass_rounds_as_the_reference_s_tensor_operations(int step, double learningRate, double weightDecay)
    {
        using var leaks = new TensorLeakGuard();
        var generator = new Generator(7);
        // 16 × 1000 + 37 elements: vector body and scalar tail; gradients spanning many magnitudes, some zero.
        Tensor Random(double scale) => (randn([16 * 1000 + 37], generator: generator) * scale).mul_(exp(randn([16 * 1000 + 37], generator: generator) * 3));
        Tensor parameter = Random(0.05), gradient = Random(1e-3), mean = Random(1e-4), variance = Random(1e-4).abs_().mul_(1e-3);
        gradient.narrow(0, 0, 100).zero_();
        using var fusedParameter = new Parameter(parameter.clone());
        using var optimizer = new AdamWOptimizer([("weight", fusedParameter)], weightDecay);
        Tensor fusedMean = mean.clone(), fusedVariance = variance.clone();
        Tensor tensorParameter = parameter.clone(), tensorMean = mean.clone(), tensorVariance = variance.clone();

        Tensor mklParameter = parameter.clone(), mklMean = mean.clone(), mklVariance = variance.clone();
        using (no_grad())
        {
            AdamWKernel.Update(fusedParameter, gradient, fusedMean, fusedVariance, AdamWCoefficients.For(learningRate, weightDecay, 0.9, 0.999, 1e-8, step), 0, (int)parameter.numel());
            optimizer.UpdateWithTensors(mklParameter, gradient, mklMean, mklVariance, learningRate, weightDecay, step);

            // torch.optim.AdamW's single-tensor step as the reference runs it (torch 1.13 without MKL: a correctly
            // rounded square root, which libtorch's MKL square root is not in about a fifth of cases).
            double correction1 = 1 - Math.Pow(0.9, step), correction2 = 1 - Math.Pow(0.999, step);
            tensorParameter.mul_(1 - (learningRate * weightDecay));
            tensorMean.mul_(0.9).add_(gradient, alpha: 1 - 0.9);
            tensorVariance.mul_(0.999).addcmul_(gradient, gradient, value: 1 - 0.999);
            Tensor denominator = tensorVariance.to(float64).sqrt().to(float32).div_(Math.Sqrt(correction2)).add_(1e-8);
            tensorParameter.addcdiv_(tensorMean, denominator, value: -learningRate / correction1);
        }

        Assert.Equal(0, Differing(fusedMean, tensorMean));
        Assert.Equal(0, Differing(fusedVariance, tensorVariance));
        Assert.Equal(0, Differing(fusedParameter, tensorParameter));
        // Against libtorch's own tensor form the square root's last bit is all that differs.
        Assert.Equal(0, Differing(fusedMean, mklMean));
        Assert.True(fusedParameter.allclose(mklParameter, rtol: 1e-6, atol: learningRate * 1e-5), "the fused update strays from libtorch's");
    }

    private static long Differing(Tensor actual, Tensor expected) => actual.ne(expected).sum().item<long>();
}
