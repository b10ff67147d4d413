using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using LossGen.SentenceTransformers.Losses;

namespace LossGen.Tests.Golden;

/// <summary>
/// Builds a catalogue loss from a golden case's class name and sentence-transformers keyword arguments, through the
/// generated constructor. A loss or parameter the catalogue lacks is an error, never a skip.
/// </summary>
public static class LossFactory
{
    private static readonly Assembly Catalogue = typeof(MultipleNegativesRankingLoss).Assembly;

    public static SentenceLoss Create(string lossName, JsonElement parameters)
    {
        Type type = Catalogue.GetType("LossGen.SentenceTransformers.Losses." + lossName)
            ?? throw new InvalidOperationException($"The catalogue has no loss named {lossName}.");
        ConstructorInfo constructor = type.GetConstructors().Single();
        var given = parameters.ValueKind == JsonValueKind.Object
            ? parameters.EnumerateObject().ToDictionary(p => p.Name, p => p.Value)
            : new Dictionary<string, JsonElement>();

        var arguments = new List<object?>();
        foreach (ParameterInfo parameter in constructor.GetParameters())
        {
            string pythonName = ToSnakeCase(parameter.Name!);
            if (parameter.Name is "model" or "guide")
            {
                arguments.Add(null);
            }
            else if (parameter.Name == "loss")
            {
                JsonElement innerParameters = given.TryGetValue("loss_params", out JsonElement p) ? p : default;
                arguments.Add(Create(given["loss"].GetString()!, innerParameters));
                given.Remove("loss");
                given.Remove("loss_params");
            }
            else if (given.Remove(pythonName, out JsonElement value))
            {
                arguments.Add(Convert(value, parameter.ParameterType, lossName, pythonName));
            }
            else if (parameter.HasDefaultValue)
            {
                arguments.Add(parameter.DefaultValue);
            }
            else
            {
                throw new InvalidOperationException($"{lossName}: the golden case does not give required parameter {pythonName}.");
            }
        }

        if (given.Count > 0)
        {
            throw new InvalidOperationException($"{lossName} has no parameter(s) {string.Join(", ", given.Keys)}.");
        }

        try
        {
            return (SentenceLoss)constructor.Invoke(arguments.ToArray());
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    private static object? Convert(JsonElement value, Type target, string loss, string name)
    {
        Type type = Nullable.GetUnderlyingType(target) ?? target;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (type.IsEnum && value.ValueKind == JsonValueKind.Array)
        {
            // A tuple of strings is a set of flags (MultipleNegativesRankingLoss's directions).
            long flags = value.EnumerateArray().Aggregate(0L, (all, item) => all | System.Convert.ToInt64(Convert(item, type, loss, name), System.Globalization.CultureInfo.InvariantCulture));
            return Enum.ToObject(type, flags);
        }

        if (type.IsEnum)
        {
            string wanted = Normalize(value.GetString()!);
            foreach (string member in Enum.GetNames(type))
            {
                string normalized = Normalize(member);
                if (normalized == wanted || normalized.Replace("distance", string.Empty) == wanted.Replace("distance", string.Empty))
                {
                    return Enum.Parse(type, member);
                }
            }

            throw new InvalidOperationException($"{loss}: {name} = {value} is not a member of {type.Name}.");
        }

        if (type.IsArray)
        {
            Type element = type.GetElementType()!;
            JsonElement[] items = value.EnumerateArray().ToArray();
            var array = Array.CreateInstance(element, items.Length);
            for (int i = 0; i < items.Length; i++)
            {
                array.SetValue(Convert(items[i], element, loss, name), i);
            }

            return array;
        }

        return type == typeof(bool) ? value.GetBoolean() : System.Convert.ChangeType(GoldenJson.Number(value), type, System.Globalization.CultureInfo.InvariantCulture);
    }

    // The reference misspells "euclidean" in its batch distance names.
    private static string Normalize(string name) => name.Replace("_", string.Empty).ToLowerInvariant().Replace("eucledian", "euclidean");

    private static string ToSnakeCase(string camel) =>
        string.Concat(camel.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
