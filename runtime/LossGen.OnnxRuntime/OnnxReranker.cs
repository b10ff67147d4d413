using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LossGen.Serialization;
using LossGen.Tokenizers;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LossGen.OnnxRuntime;

/// <summary>
/// A reranker exported by LossGen (<c>CrossEncoderOnnxExporter</c>), served by ONNX Runtime with LossGen's tokenizers:
/// the same pair ids (Rust <c>longest_first</c> truncation), logits and scores as the TorchSharp <c>CrossEncoder</c>,
/// with no TorchSharp or libtorch at run time. Sessions are thread-safe.
/// </summary>
public sealed class OnnxReranker : IDisposable
{
    private readonly InferenceSession _session;
    private readonly bool _hasTokenTypes;

    private OnnxReranker(InferenceSession session, TextTokenizer tokenizer, RerankerSettings settings, string path)
    {
        _session = session;
        Tokenizer = tokenizer;
        Settings = settings;
        _hasTokenTypes = session.InputMetadata.ContainsKey("token_type_ids");
        if (!session.OutputMetadata.ContainsKey("scores") || !session.OutputMetadata.ContainsKey("logits"))
        {
            throw new ModelFormatException(path, "has no logits and scores outputs; export it with LossGen's CrossEncoderOnnxExporter.");
        }
    }

    /// <summary>The tokenizer read from the export's folder.</summary>
    public TextTokenizer Tokenizer { get; }

    /// <summary>How pairs become inputs, and what the outputs hold.</summary>
    public RerankerSettings Settings { get; }

    /// <summary>Opens an exported reranker: <paramref name="onnxPath"/>, its <c>.reranker.json</c> and the tokenizer files beside it.</summary>
    /// <exception cref="ModelFormatException">A file is missing or malformed, or the graph is not one LossGen exported.</exception>
    public static OnnxReranker Load(string onnxPath, SessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(onnxPath);
        string path = Path.GetFullPath(onnxPath);
        RerankerSettings settings = RerankerSettings.Read(RerankerSettings.PathFor(path));
        TextTokenizer tokenizer = TokenizerFolder.Load(Path.GetDirectoryName(path)!, settings.ModelType);
        return OnnxSessions.OpenFor(path, options, session => new OnnxReranker(session, tokenizer, settings, path));
    }

    /// <summary>
    /// sentence-transformers' <c>CrossEncoder.predict</c>: each pair's scores (the model's activation applied), or its raw
    /// logits when <paramref name="logits"/>; one row of <c>num_labels</c> values per pair, in input order.
    /// </summary>
    public float[][] Predict(IReadOnlyList<(string Query, string Document)> pairs, int batchSize = 32, bool logits = false)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        PairEncoding[] encoded = pairs.Select(p => Tokenizer.EncodePair(p.Query ?? throw new ArgumentException("A query is null.", nameof(pairs)), p.Document ?? throw new ArgumentException("A document is null.", nameof(pairs)), Settings.MaxLength)).ToArray();
        var result = new float[encoded.Length][];
        foreach (int[] chunk in Enumerable.Range(0, encoded.Length).OrderByDescending(i => encoded[i].InputIds.Length).Chunk(batchSize))
        {
            float[][] rows = Run(chunk.Select(i => encoded[i]).ToArray(), logits ? "logits" : "scores");
            for (int k = 0; k < chunk.Length; k++)
            {
                result[chunk[k]] = rows[k];
            }
        }

        return result;
    }

    /// <summary>sentence-transformers' <c>CrossEncoder.rank</c>: the documents' indices and scores, best first (ties in input order), at most <paramref name="topK"/>.</summary>
    /// <exception cref="InvalidOperationException">The model has more than one label.</exception>
    public IReadOnlyList<(int CorpusId, float Score)> Rank(string query, IReadOnlyList<string> documents, int? topK = null, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(documents);
        if (Settings.NumLabels != 1)
        {
            throw new InvalidOperationException($"Rank only works for models with num_labels=1; this one has {Settings.NumLabels}. Use Predict with the pairs instead.");
        }

        var ranked = Predict(documents.Select(d => (query, d)).ToArray(), batchSize).Select((s, i) => (CorpusId: i, Score: s[0])).OrderByDescending(r => r.Score);
        return (topK is int k ? ranked.Take(k) : ranked).ToArray();
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    private float[][] Run(PairEncoding[] encoded, string output)
    {
        (long[] ids, long[] mask, int length) = Tokenizer.PadToLongest(encoded.Select(e => e.InputIds).ToArray());
        int[] shape = [encoded.Length, length];
        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, shape)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, shape)),
        };
        if (_hasTokenTypes)
        {
            var types = new long[ids.Length];
            for (int row = 0; row < encoded.Length; row++)
            {
                for (int column = 0; column < encoded[row].TokenTypeIds.Length; column++)
                {
                    types[(row * length) + column] = encoded[row].TokenTypeIds[column];
                }
            }

            inputs.Add(NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(types, shape)));
        }

        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = _session.Run(inputs, [output]);
        float[] flat = results[0].AsTensor<float>().ToArray();
        int labels = flat.Length / encoded.Length;
        return Enumerable.Range(0, encoded.Length).Select(r => flat.AsSpan(r * labels, labels).ToArray()).ToArray();
    }
}
