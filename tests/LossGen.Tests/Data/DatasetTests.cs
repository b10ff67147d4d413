using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LossGen.SentenceTransformers.Losses;
using LossGen.Tests.Support;
using Xunit;

namespace LossGen.Tests.Data;

/// <summary>Datasets from JSON Lines, CSV, TSV, Parquet and memory, read with sentence-transformers' column convention.</summary>
[Collection(SequentialCollection.Name)]
public sealed class DatasetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lossgen-datasets-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Json_lines_columns_in_order_are_the_inputs_and_score_is_the_label()
    {
        string path = Write("sts.jsonl", """
            {"sentence1": "A man is playing a guitar.", "sentence2": "A man plays guitar.", "score": 0.92}
            {"sentence1": "A cat sleeps.", "sentence2": "A plane takes off.", "score": 0}

            {"sentence1": "Kids play football.", "sentence2": "Children are playing soccer.", "score": 0.8}
            """);
        SentenceDataset dataset = SentenceDatasets.Read(path);
        Assert.Equal(["sentence1", "sentence2", "score"], dataset.Columns);
        Assert.Equal(3, dataset.Count);
        Assert.Equal(0L, dataset[1, "score"]);

        using var loss = new CoSENTLoss(null);
        IReadOnlyList<InputExample> examples = dataset.ToExamples(loss.Descriptor);
        Assert.Equal(["A man is playing a guitar.", "A man plays guitar."], examples[0].Texts);
        Assert.Equal(0.92, examples[0].Label);
        Assert.Equal(0.0, examples[1].Label);
    }

    [Fact]
    public void Teacher_embeddings_come_broadcast_or_one_per_text_column()
    {
        using var leaks = new TensorLeakGuard();
        using var loss = new EmbedDistillLoss(null);
        string perColumn = Write("per-column.jsonl", """
            {"english": "Hello", "german": "Hallo", "label": [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]}
            {"english": "Cat", "german": "Katze", "label": [[1, 2, 3], [4, 5, 6]]}
            """);
        TextBatch batch = EmbedDistillLoss.Collate(SentenceDatasets.Read(perColumn).ToExamples(loss.Descriptor));
        Assert.Equal([2L, 2, 3], batch.Labels!.shape);
        Assert.Equal(5f, batch.Labels[1, 1, 1].item<float>());

        string broadcast = Write("broadcast.jsonl", """
            {"english": "Hello", "german": "Hallo", "label": [0.1, 0.2, 0.3]}
            """);
        Assert.Equal([1L, 3], EmbedDistillLoss.Collate(SentenceDatasets.Read(broadcast).ToExamples(loss.Descriptor)).Labels!.shape);

        var mismatch = Assert.Throws<LossInputException>(() => EmbedDistillLoss.Collate([new InputExample(["a", "b", "c"], new[] { new[] { 1f }, new[] { 2f } })]));
        Assert.Contains("2 teacher embeddings for 3 text columns", mismatch.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dataset_that_does_not_fit_the_loss_is_refused_with_the_expected_columns()
    {
        SentenceDataset dataset = SentenceDataset.FromColumns(("anchor", ["a", "b"]), ("positive", ["c", "d"]));
        using var scored = new CoSENTLoss(null);
        var missing = Assert.Throws<LossInputException>(() => dataset.ToExamples(scored.Descriptor));
        Assert.Contains("CoSENTLoss cannot train on in-memory dataset: it expects 2 text column(s) (pair-with-float-score (ScoredPairExample)) and a float 'score' or 'label' column, but there is no 'label' or 'score' column", missing.Message, StringComparison.Ordinal);

        using var mnrl = new MultipleNegativesRankingLoss(null);
        var tooFew = Assert.Throws<LossInputException>(() => dataset.Select("anchor").ToExamples(mnrl.Descriptor));
        Assert.Contains("expects 2 or more text column(s)", tooFew.Message, StringComparison.Ordinal);
        Assert.Contains("[anchor]", tooFew.Message, StringComparison.Ordinal);

        var unlabelled = SentenceDataset.FromColumns(("anchor", ["a"]), ("positive", ["b"]), ("label", [1L]));
        Assert.Contains("reads no label, but the dataset has a 'label' column", Assert.Throws<LossInputException>(() => unlabelled.ToExamples(mnrl.Descriptor)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Selection_and_renaming_shape_a_dataset_to_the_convention()
    {
        SentenceDataset dataset = SentenceDataset.FromColumns(("id", [1L, 2L]), ("question", ["q1", "q2"]), ("answer", ["a1", "a2"]), ("relevance", [1.0, 0.5]));
        SentenceDataset shaped = dataset.Select("question", "answer", "relevance").Rename("relevance", "score");
        Assert.Equal(["question", "answer", "score"], shaped.Columns);
        using var loss = new CosineSimilarityLoss(null);
        Assert.Equal(0.5, shaped.ToExamples(loss.Descriptor)[1].Label);
        Assert.Contains("has no column 'text'", Assert.Throws<ArgumentException>(() => dataset.Select("text")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_name_the_file_the_row_and_the_column()
    {
        string badLabel = Write("nli.csv", "premise,hypothesis,label\n\"A man, inside\",A person,1\nA dog,A cat,contradiction\n");
        using var softmax = new SoftmaxLoss(null, sentenceEmbeddingDimension: 4, numLabels: 3);
        var label = Assert.Throws<LossInputException>(() => SentenceDatasets.Read(badLabel).ToExamples(softmax.Descriptor));
        Assert.Contains($"{badLabel}: row 1, column 'label' is the text \"contradiction\"; SoftmaxLoss needs an integer class id", label.Message, StringComparison.Ordinal);
        Assert.Equal("A man, inside", SentenceDatasets.Read(badLabel)[0, "premise"]);

        string badJson = Write("broken.jsonl", "{\"anchor\": \"a\", \"positive\": \"b\"}\n{\"anchor\": \"a\", \"positive\": \n");
        Assert.Contains($"{badJson}, line 2: not valid JSON", Assert.Throws<FormatException>(() => SentenceDatasets.Read(badJson)).Message, StringComparison.Ordinal);

        string ragged = Write("ragged.tsv", "anchor\tpositive\na\tb\nc\n");
        Assert.Contains($"{ragged}, row 1 (line 3): 1 field(s), but the header names 2", Assert.Throws<FormatException>(() => SentenceDatasets.Read(ragged)).Message, StringComparison.Ordinal);

        string number = Write("number.jsonl", "{\"anchor\": 5, \"positive\": \"b\"}\n");
        using var mnrl = new MultipleNegativesRankingLoss(null);
        Assert.Contains("row 0, column 'anchor' is Int64 5, not a text", Assert.Throws<LossInputException>(() => SentenceDatasets.Read(number).ToExamples(mnrl.Descriptor)).Message, StringComparison.Ordinal);

        Assert.Contains("'.xlsx' is not a dataset format", Assert.Throws<NotSupportedException>(() => SentenceDatasets.Read(Path.Combine(_folder, "data.xlsx"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tab_separated_texts_keep_their_quotes()
    {
        string path = Write("quotes.tsv", "sentence1\tsentence2\tscore\n\"Quoted\" start\tends with \"quote\"\t4.2\n");
        SentenceDataset dataset = SentenceDatasets.Read(path);
        Assert.Equal("\"Quoted\" start", dataset[0, "sentence1"]);
        using var loss = new CoSENTLoss(null);
        Assert.Equal(4.2, dataset.ToExamples(loss.Descriptor)[0].Label);
    }

    [Fact]
    public async System.Threading.Tasks.Task Parquet_files_are_read_with_their_types()
    {
        string path = Path.Combine(_folder, "pairs.parquet");
        var rows = new[] { new ParquetRow { Anchor = "how do I bake bread", Positive = "a simple bread recipe", Label = 1 }, new ParquetRow { Anchor = "cheap flights", Positive = "a history of Rome", Label = 0 } };
        await Parquet.Serialization.ParquetSerializer.SerializeAsync(rows, path);

        SentenceDataset dataset = SentenceDatasets.Read(path);
        Assert.Equal(["anchor", "positive", "label"], dataset.Columns);
        using var loss = new ContrastiveLoss(null);
        IReadOnlyList<InputExample> examples = dataset.ToExamples(loss.Descriptor);
        Assert.Equal(["cheap flights", "a history of Rome"], examples[1].Texts);
        Assert.Equal(0L, examples[1].Label);
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    public sealed class ParquetRow
    {
        [System.Text.Json.Serialization.JsonPropertyName("anchor")]
        public string Anchor { get; set; } = string.Empty;

        [System.Text.Json.Serialization.JsonPropertyName("positive")]
        public string Positive { get; set; } = string.Empty;

        [System.Text.Json.Serialization.JsonPropertyName("label")]
        public int Label { get; set; }
    }
}
