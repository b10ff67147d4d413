namespace LossGen.Generators.Parsing;

/// <summary>The generator's copy of the runtime's input-kind table (the generator cannot load the runtime).</summary>
internal static class InputKindFacts
{
    public static string LabelKind(string inputKind) => inputKind switch
    {
        "LabeledText" or "LabeledPair" => "ClassId",
        "BinaryLabeledPair" => "Binary",
        "ScoredPair" => "Score",
        "QueryPassagesWithTeacherScores" => "ScoreVector",
        "TextWithTargetEmbedding" => "Embedding",
        _ => "None",
    };

    public static int MinColumns(string inputKind) => inputKind switch
    {
        "Text" or "LabeledText" or "TextWithTargetEmbedding" => 1,
        "Triplet" => 3,
        _ => 2,
    };

    public static int? MaxColumns(string inputKind) => inputKind switch
    {
        "Text" or "LabeledText" => 1,
        "Pair" or "ScoredPair" or "BinaryLabeledPair" or "LabeledPair" => 2,
        "Triplet" => 3,
        _ => null,
    };

    /// <summary>The typed example records that carry data of <paramref name="inputKind"/>.</summary>
    public static string[] ExampleTypes(string inputKind) => inputKind switch
    {
        "Text" => ["TextExample"],
        "LabeledText" => ["LabeledTextExample"],
        "Pair" => ["PairExample"],
        "ScoredPair" => ["ScoredPairExample"],
        "BinaryLabeledPair" => ["BinaryLabeledPairExample"],
        "LabeledPair" => ["LabeledPairExample"],
        "Triplet" => ["TripletExample"],
        "AnchorPositiveNegatives" => ["PairExample", "TripletExample", "AnchorPositiveNegativesExample"],
        "QueryPassagesWithTeacherScores" => ["QueryPassagesExample"],
        "TextWithTargetEmbedding" => ["TargetEmbeddingExample"],
        _ => [],
    };
}
