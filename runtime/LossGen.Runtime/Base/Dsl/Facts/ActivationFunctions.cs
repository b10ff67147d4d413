using System;

namespace LossGen;

/// <summary>The <c>torch.nn</c> class paths sentence-transformers writes and reads for each <see cref="ActivationFunction"/>.</summary>
#if LOSSGEN_RUNTIME
public
#else
internal
#endif
static class ActivationFunctions
{
    /// <summary>The class path sentence-transformers writes (<c>fullname(activation_fn)</c>).</summary>
    public static string ToPythonName(this ActivationFunction activation) => activation switch
    {
        ActivationFunction.Identity => "torch.nn.modules.linear.Identity",
        ActivationFunction.Sigmoid => "torch.nn.modules.activation.Sigmoid",
        ActivationFunction.Tanh => "torch.nn.modules.activation.Tanh",
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };

    /// <summary>The activation a class path names (the full path or the <c>torch.nn.X</c> alias), or <c>null</c> for any other.</summary>
    public static ActivationFunction? FromPythonName(string? path)
    {
        foreach (ActivationFunction activation in (ActivationFunction[])Enum.GetValues(typeof(ActivationFunction)))
        {
            string full = activation.ToPythonName();
            if (path == full || path == "torch.nn." + full.Substring(full.LastIndexOf('.') + 1))
            {
                return activation;
            }
        }

        return null;
    }
}
