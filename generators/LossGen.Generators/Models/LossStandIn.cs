using System;
using LossGen.Generators.Helpers;

namespace LossGen.Generators.Models;

/// <summary>
/// What the generator writes for a <c>[Loss]</c> declaration it cannot complete: just enough for the declaration and
/// the code that uses it to compile, so that a build reports LossGen's LG diagnostics and not the compiler errors a
/// missing generated half would cause (a compiler error stops the command-line build from reporting analyzer diagnostics).
/// </summary>
/// <param name="Namespace">The declaration's namespace, or <c>null</c> for the global namespace.</param>
/// <param name="Containers">The headers of the containing types, outermost first (each <c>partial</c>).</param>
/// <param name="Header">The declaration's own header: <c>partial class Name&lt;T&gt;</c>, <c>partial record Name</c>, ….</param>
/// <param name="ClassName">The type's name.</param>
/// <param name="Completes">Whether the shape is a plain class the generator would complete: then the stand-in is a
/// <c>SentenceLoss</c> with the generated half's public surface; otherwise it only implements the partial properties.</param>
/// <param name="Properties">The partial properties declared without an implementation.</param>
/// <param name="HyperParameters">The hyper-parameters that read without error, for the constructor.</param>
/// <param name="IsGuided">Whether the loss is <c>[Guided]</c> (a <c>guide</c> parameter and <c>Guide</c>).</param>
/// <param name="IsWrapper">Whether the loss is a <c>[Wraps]</c> wrapper (a <c>loss</c> parameter and <c>Loss</c>).</param>
/// <param name="TrainsModelCopy">Whether the loss trains a copy of the model (<c>CopyModel</c>).</param>
/// <param name="InputKind">The input kind when it was read, for the <c>Collate</c> overloads.</param>
/// <param name="HasOnCreated">Whether the declaration implements <c>partial void OnCreated()</c>.</param>
internal sealed record LossStandIn(
    string? Namespace,
    EquatableArray<string> Containers,
    string Header,
    string ClassName,
    bool Completes,
    EquatableArray<StandInProperty> Properties,
    EquatableArray<HyperParameterModel> HyperParameters,
    bool IsGuided,
    bool IsWrapper,
    bool TrainsModelCopy,
    InputKind? InputKind,
    bool HasOnCreated) : IEquatable<LossStandIn>;

/// <summary>A partial property declared without an implementation.</summary>
/// <param name="Modifiers">Its modifiers as declared (<c>public partial</c>, ...).</param>
/// <param name="TypeName">Its fully qualified type.</param>
/// <param name="Name">Its name.</param>
/// <param name="Accessors">Its accessor keywords (<c>get</c>, <c>set</c>, <c>init</c>).</param>
internal sealed record StandInProperty(string Modifiers, string TypeName, string Name, EquatableArray<string> Accessors) : IEquatable<StandInProperty>;
