using System.Collections.Generic;
using System.Linq;
using LossGen.Generators.Helpers;
using LossGen.Generators.Models;

namespace LossGen.Generators.Emission;

/// <summary>The generated constructor's parameters: the model, a guide for a guided loss, the inner loss for a wrapper, then the hyper-parameters.</summary>
internal static class ConstructorSignature
{
    public const string Model = "global::LossGen.SentenceTransformers.Losses.ISentenceEncoder? model";

    public const string CrossEncoderModel = "global::LossGen.CrossEncoders.Losses.ICrossEncoderScorer? model";

    public const string Guide = "global::LossGen.SentenceTransformers.Losses.ISentenceEncoder? guide";

    public const string Loss = "global::LossGen.SentenceTransformers.Losses.SentenceLoss loss";

    /// <summary>The hyper-parameters in parameter order: required ones first, as C# wants, each group in declaration order.</summary>
    public static IEnumerable<HyperParameterModel> Ordered(IEnumerable<HyperParameterModel> hyperParameters) =>
        hyperParameters.Where(p => p.DefaultLiteral is null).Concat(hyperParameters.Where(p => p.DefaultLiteral is not null));

    /// <summary>The parameter that sets <paramref name="parameter"/>, with its default.</summary>
    public static string Parameter(HyperParameterModel parameter) =>
        $"{parameter.TypeName} {Naming.ToCamelCase(parameter.Name)}" + (parameter.DefaultLiteral is null ? string.Empty : " = " + parameter.DefaultLiteral);

    /// <summary>Every parameter, in order.</summary>
    public static IEnumerable<string> All(bool isGuided, bool isWrapper, IEnumerable<HyperParameterModel> hyperParameters, string model = Model) =>
        new[] { model }
            .Concat(isGuided ? [Guide] : [])
            .Concat(isWrapper ? [Loss] : [])
            .Concat(Ordered(hyperParameters).Select(Parameter));
}
