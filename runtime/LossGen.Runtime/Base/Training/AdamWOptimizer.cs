using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using LossGen.Cpu;
using static TorchSharp.torch;

namespace LossGen.Training;

/// <summary>
/// AdamW exactly as PyTorch computes it (decoupled weight decay, bias-corrected moments), with weight decay skipped for
/// biases and LayerNorm weights as transformers does. Its state is plain tensors, so checkpoints can save and restore it.
/// </summary>
public sealed class AdamWOptimizer : IDisposable
{
    private readonly List<Slot> _slots;

    /// <summary>Creates the optimizer over named parameters.</summary>
    public AdamWOptimizer(IEnumerable<(string Name, Parameter Parameter)> parameters, double weightDecay = 0.01, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _slots = parameters
            .Where(p => p.Parameter.requires_grad)
            .Select(p => new Slot(p.Name, p.Parameter, Decays(p.Name) ? weightDecay : 0.0))
            .ToList();
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>β₁.</summary>
    public double Beta1 { get; }

    /// <summary>β₂.</summary>
    public double Beta2 { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>Steps taken so far.</summary>
    public int StepCount { get; private set; }

    /// <summary>The optimized parameters.</summary>
    public IEnumerable<Parameter> Parameters => _slots.Select(s => s.Parameter);

    /// <summary>
    /// Clears every gradient. The gradients are released rather than zeroed, as PyTorch's <c>zero_grad()</c> does by
    /// default: the next backward pass then stores its gradients instead of adding them to zeros.
    /// </summary>
    public void ZeroGrad()
    {
        foreach (Slot slot in _slots)
        {
            slot.Parameter.grad = null;
        }
    }

    /// <summary>One update with <paramref name="learningRate"/>.</summary>
    public void Step(double learningRate)
    {
        StepCount++;
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var fused = new List<(Slot Slot, Tensor Gradient, AdamWCoefficients Coefficients, int Start, int End)>();
        foreach (Slot slot in _slots)
        {
            if (slot.Parameter.grad is not Tensor gradient)
            {
                continue;
            }

            if (AdamWKernel.Supports(slot.Parameter) && AdamWKernel.Supports(gradient) && AdamWKernel.Supports(slot.Mean) && AdamWKernel.Supports(slot.Variance) && slot.Parameter.numel() <= int.MaxValue)
            {
                var coefficients = AdamWCoefficients.For(learningRate, slot.WeightDecay, Beta1, Beta2, Epsilon, StepCount);
                int count = (int)slot.Parameter.numel();
                for (int start = 0; start < count; start += FusedChunk)
                {
                    fused.Add((slot, gradient, coefficients, start, Math.Min(count, start + FusedChunk)));
                }

                continue;
            }

            UpdateWithTensors(slot.Parameter, gradient, slot.Mean, slot.Variance, learningRate, slot.WeightDecay, StepCount);
        }

        Cpu.IntraOpParallel.For(fused.Count, k =>
        {
            var (slot, gradient, coefficients, start, end) = fused[k];
            AdamWKernel.Update(slot.Parameter, gradient, slot.Mean, slot.Variance, coefficients, start, end);
        });
    }

    /// <summary>The update as tensor operations, where <see cref="AdamWKernel"/> cannot run (CUDA, other dtypes).</summary>
    internal void UpdateWithTensors(Tensor parameter, Tensor gradient, Tensor mean, Tensor variance, double learningRate, double weightDecay, int step)
    {
        using var scope = NewDisposeScope();
        double correction1 = 1 - Math.Pow(Beta1, step);
        double correction2 = 1 - Math.Pow(Beta2, step);
        parameter.mul_(1 - (learningRate * weightDecay));
        mean.mul_(Beta1).add_(gradient, alpha: 1 - Beta1);
        variance.mul_(Beta2).addcmul_(gradient, gradient, value: 1 - Beta2);
        Tensor denominator = variance.sqrt().div_(Math.Sqrt(correction2)).add_(Epsilon);
        parameter.addcdiv_(mean, denominator, value: -learningRate / correction1);
    }

    // Large enough that a bias is one work item, small enough that the word embeddings split across threads.
    private const int FusedChunk = 1 << 18;

    /// <summary>The optimizer state by parameter name (<c>name.exp_avg</c>, <c>name.exp_avg_sq</c>) and the step count.</summary>
    public (Dictionary<string, Tensor> State, int Step) GetState() =>
        (_slots.SelectMany(s => new[] { (s.Name + ".exp_avg", s.Mean), (s.Name + ".exp_avg_sq", s.Variance) }).ToDictionary(p => p.Item1, p => p.Item2), StepCount);

    /// <summary>Restores a state written by <see cref="GetState"/>.</summary>
    public void SetState(IReadOnlyDictionary<string, Tensor> state, int step)
    {
        ArgumentNullException.ThrowIfNull(state);
        using var noGrad = no_grad();
        foreach (Slot slot in _slots)
        {
            slot.Mean.copy_(state[slot.Name + ".exp_avg"]);
            slot.Variance.copy_(state[slot.Name + ".exp_avg_sq"]);
        }

        StepCount = step;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (Slot slot in _slots)
        {
            slot.Mean.Dispose();
            slot.Variance.Dispose();
        }
    }

    // transformers' no_decay list: biases and LayerNorm weights.
    private static bool Decays(string name) => !(name.EndsWith("bias", StringComparison.Ordinal) || name.Contains("LayerNorm.weight", StringComparison.Ordinal));

    private sealed class Slot(string name, Parameter parameter, double weightDecay)
    {
        public string Name { get; } = name;

        public Parameter Parameter { get; } = parameter;

        public double WeightDecay { get; } = weightDecay;

        public Tensor Mean { get; } = zeros_like(parameter).DetachFromDisposeScope();

        public Tensor Variance { get; } = zeros_like(parameter).DetachFromDisposeScope();
    }
}
