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
        _ => value.GetType().GetField(value.ToString())?.GetCustomAttributes(typeof(PythonNameAttribute), false) is [PythonNameAttribute named] ? named.Name : value.ToString(),
    };
}
