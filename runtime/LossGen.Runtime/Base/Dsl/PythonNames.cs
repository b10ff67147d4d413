using System;
using System.ComponentModel;

namespace LossGen;

/// <summary>The names sentence-transformers writes into config dictionaries for LossGen's enums.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PythonNames
{
    /// <summary>The Python spelling of an enum hyper-parameter value; <c>null</c> (Python's <c>None</c>) for none.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
    public static string? Of(Enum? value) => value switch
    {
        null => null,
        SimilarityFunction similarity => similarity.ToPythonName(),
        SiameseDistanceMetric siamese => siamese.ToPythonName(),
        TripletDistanceMetric triplet => triplet.ToPythonName(),
        BatchDistanceMetric batch => batch.ToPythonName(),
        RegressionLossFunction regression => regression == RegressionLossFunction.MseLoss ? "torch.nn.modules.loss.MSELoss" : "torch.nn.modules.loss.L1Loss",
        MarginStrategy strategy => strategy.ToString().ToLowerInvariant(),
        ActivationFunction activation => activation.ToPythonName(),
        InBatchDirections direction => direction.ToPythonName(),
        PartitionMode mode => mode.ToPythonName(),
        _ => value.GetType().GetField(value.ToString())?.GetCustomAttributes(typeof(PythonNameAttribute), false) is [PythonNameAttribute named] ? named.Name : value.ToString(),
    };

    /// <summary>
    /// An enum hyper-parameter as <c>get_config_dict()</c> holds it: its Python spelling, or for a set of flags (the
    /// reference's tuple of strings) the spelling of each member it holds, in declaration order.
    /// </summary>
    public static object? ConfigValue(Enum? value)
    {
        if (value is null || !value.GetType().IsDefined(typeof(FlagsAttribute), false))
        {
            return Of(value);
        }

        var names = new System.Collections.Generic.List<string>();
        foreach (Enum member in Enum.GetValues(value.GetType()))
        {
            if (Convert.ToInt64(member, System.Globalization.CultureInfo.InvariantCulture) != 0 && value.HasFlag(member))
            {
                names.Add(Of(member));
            }
        }

        return names.ToArray();
    }
}
