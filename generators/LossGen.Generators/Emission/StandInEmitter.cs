using System.Linq;
using LossGen.Generators.Helpers;
using LossGen.Generators.Models;

namespace LossGen.Generators.Emission;

/// <summary>
/// Writes the part of a <c>[Loss]</c> declaration that has errors: it completes the declaration so that the build's
/// only errors are LossGen's LG diagnostics at the declaration, and every member throws, naming them.
/// </summary>
internal static class StandInEmitter
{
    public static string HintName(LossStandIn standIn) => (standIn.Namespace is null ? string.Empty : standIn.Namespace + ".") + string.Join(".", [.. standIn.Containers.Select(Name), standIn.ClassName]).Replace("@", string.Empty) + ".g.cs";

    public static string Emit(LossStandIn standIn)
    {
        IndentedWriter writer = GeneratedFile.Start(standIn.Namespace);

        var blocks = new System.Collections.Generic.List<System.IDisposable>();
        foreach (string container in standIn.Containers)
        {
            blocks.Add(writer.Block(container));
        }

        writer.Line($"/// <summary>A stand-in: LossGen cannot generate <c>{standIn.ClassName}</c> until the errors its LG diagnostics name are fixed.</summary>");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        using (writer.Block(standIn.Completes ? standIn.Header + " : global::LossGen.SentenceTransformers.Losses.SentenceLoss" : standIn.Header))
        {
            string refusal = $"throw new global::System.InvalidOperationException(\"{standIn.ClassName} cannot be used: its [Loss] declaration has errors, which LossGen reports as LG diagnostics at the declaration.\")";
            if (standIn.Completes)
            {
                writer.Line($"public {standIn.ClassName}({string.Join(", ", ConstructorSignature.All(standIn.IsGuided, standIn.IsWrapper, standIn.HyperParameters))})");
                writer.Line($"    : base(nameof({standIn.ClassName}), model) => {refusal};");
                writer.Line();
                writer.Line($"{GeneratedMembers.Metadata} => {refusal};");
                writer.Line($"{GeneratedMembers.Descriptor} => {refusal};");
                writer.Line($"{GeneratedMembers.GetConfigDictionary} => {refusal};");
                writer.Line($"{GeneratedMembers.ComputeFromEmbeddings} => {refusal};");
                bool learnable = standIn.HyperParameters.Any(p => p.IsLearnable);
                foreach ((bool declared, string member) in new[]
                {
                    (standIn.IsGuided, GeneratedMembers.Guide),
                    (standIn.IsWrapper, GeneratedMembers.Loss),
                    (standIn.TrainsModelCopy, GeneratedMembers.CopyModel),
                    (learnable, GeneratedMembers.LogitScale),
                    (learnable, GeneratedMembers.EffectiveScale),
                })
                {
                    if (declared)
                    {
                        writer.Line($"{member} => {refusal};");
                    }
                }

                foreach (string example in standIn.InputKind is { } kind ? kind.ExampleTypes().Concat(["InputExample"]) : [])
                {
                    writer.Line($"{GeneratedMembers.Collate(example)} => {refusal};");
                }
            }

            foreach (StandInProperty property in standIn.Properties)
            {
                writer.Line($"{property.Modifiers} {property.TypeName} {property.Name} {{ {string.Join(" ", property.Accessors.Select(a => $"{a} => {refusal};"))} }}");
            }

            if (standIn.HasOnCreated)
            {
                writer.Line("partial void OnCreated();");
            }
        }

        for (int i = blocks.Count - 1; i >= 0; i--)
        {
            blocks[i].Dispose();
        }

        return writer.ToString();
    }

    // "partial class Outer<T>" → "Outer".
    private static string Name(string header)
    {
        int generic = header.IndexOf('<');
        string bare = generic < 0 ? header : header.Substring(0, generic);
        return bare.Substring(bare.LastIndexOf(' ') + 1);
    }
}
