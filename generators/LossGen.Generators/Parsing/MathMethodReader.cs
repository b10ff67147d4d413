using System.Collections.Generic;
using System.Linq;
using LossGen.Generators.Diagnostics;
using LossGen.Generators.Helpers;
using LossGen.Generators.Models;
using Microsoft.CodeAnalysis;

namespace LossGen.Generators.Parsing;

/// <summary>Reads a <c>[LossMath]</c> method: which parts of the batch its parameters take, or why it does not fit the input kind.</summary>
internal static class MathMethodReader
{
    // A loss that returns named components, as sentence-transformers' dict-returning losses do.
    private const string Components = "System.Collections.Generic.IReadOnlyDictionary<string, " + KnownNames.TorchTensor + ">";

    internal static MathMethodModel? ReadMath(INamedTypeSymbol type, IMethodSymbol method, InputKind inputKind, ModelFamily family, bool isGuided, bool isWrapper, List<DiagnosticInfo> diagnostics)
    {
        Location location = method.Locations.FirstOrDefault() ?? Location.None;
        if (family == ModelFamily.CrossEncoder)
        {
            return ReadLogitMath(type, method, inputKind, location, diagnostics);
        }

        var arguments = new List<string>();
        string returnType = method.ReturnType.ToDisplayString();
        bool returnsComponents = returnType == Components;
        string? problem = returnType != KnownNames.TorchTensor && !returnsComponents ? "it must return a Tensor, or its named components as IReadOnlyDictionary<string, Tensor>" : null;
        int column = 0;
        bool hasLabels = inputKind.LabelOf() != LabelKind.None;
        int minColumns = inputKind.MinColumns();
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (problem is not null)
            {
                break;
            }

            string parameterType = parameter.Type.ToDisplayString();
            if (parameterType == KnownNames.EmbeddingBatch)
            {
                arguments.Add("batch");
            }
            else if (parameterType == "System.Collections.Generic.IReadOnlyList<" + KnownNames.TorchTensor + ">")
            {
                if (parameter.Name == "guideColumns")
                {
                    if (!isGuided)
                    {
                        problem = "'guideColumns' needs a [Guided] loss";
                    }

                    arguments.Add("batch.GuideColumns!");
                }
                else
                {
                    arguments.Add("batch.Columns");
                }
            }
            else if (parameterType == KnownNames.TorchTensor && parameter.Name == "labels")
            {
                if (!hasLabels && !isWrapper)
                {
                    problem = $"input kind '{inputKind}' has no labels";
                }

                arguments.Add("batch.Labels!");
            }
            else if (parameterType == KnownNames.TorchTensor)
            {
                if (column >= minColumns)
                {
                    problem = $"parameter '{parameter.Name}' would be text column {column}, but input kind '{inputKind}' guarantees only {minColumns}; take 'IReadOnlyList<Tensor> columns' instead";
                }

                arguments.Add($"batch.Columns[{column++}]");
            }
            else
            {
                problem = $"parameter '{parameter.Name}' of type '{parameterType}' is neither an embedding tensor, 'labels', 'columns', 'guideColumns' nor an EmbeddingBatch";
            }
        }

        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MathSignatureMismatch, location, type.Name, method.Name, inputKind.ToString(), problem));
            return null;
        }

        return new MathMethodModel(method.Name, new EquatableArray<string>(arguments), returnsComponents);
    }

    // A cross-encoder loss computes from the activated logits, its labels and, for listwise losses, the document mask.
    private static MathMethodModel? ReadLogitMath(INamedTypeSymbol type, IMethodSymbol method, InputKind inputKind, Location location, List<DiagnosticInfo> diagnostics)
    {
        var arguments = new List<string>();
        string? problem = method.ReturnType.ToDisplayString() != KnownNames.TorchTensor ? "it must return a Tensor" : null;
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (problem is not null)
            {
                break;
            }

            string parameterType = parameter.Type.ToDisplayString();
            (string? argument, problem) = ((string? Argument, string? Problem))((parameterType, parameter.Name) switch
            {
                (_, _) when parameterType == KnownNames.LogitBatch => ("batch", (string?)null),
                (KnownNames.TorchTensor, "logits") => ("logits", null),
                (KnownNames.TorchTensor, "labels") when inputKind.LabelOf() != LabelKind.None => ("batch.Labels!", null),
                (KnownNames.TorchTensor, "labels") => (null, $"input kind '{inputKind}' has no labels"),
                (KnownNames.TorchTensor, "mask") when inputKind == InputKind.QueryDocuments => ("batch.Mask!", null),
                (KnownNames.TorchTensor, "mask") => (null, "only a listwise input kind (QueryDocuments) has a document mask"),
                _ => ((string?)null, $"parameter '{parameter.Name}' of type '{parameterType}' is neither 'logits', 'labels', 'mask' nor a LogitBatch"),
            });
            if (argument is not null)
            {
                arguments.Add(argument);
            }
        }

        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MathSignatureMismatch, location, type.Name, method.Name, inputKind.ToString(), problem));
            return null;
        }

        return new MathMethodModel(method.Name, new EquatableArray<string>(arguments));
    }
}
