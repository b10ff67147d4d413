using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LossGen.Serialization;
using LossGen.Tokenizers;

namespace LossGen.OnnxRuntime;

/// <summary>
/// A sentence-embedding model exported by LossGen (<c>OnnxExporter</c>), served by ONNX Runtime with LossGen's
/// tokenizers: the same ids, prompts and embeddings as the TorchSharp model, with no TorchSharp or libtorch at run time.
/// It is Microsoft.Extensions.AI's <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>; sessions are thread-safe.
/// </summary>
public sealed class OnnxSentenceEncoder : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly InferenceSession _session;
    private readonly bool _hasTokenTypes;
    private readonly EmbeddingGeneratorMetadata _metadata;

    private OnnxSentenceEncoder(InferenceSession session, TextTokenizer tokenizer, TokenizationSettings settings, string modelId)
    {
        _session = session;
        Tokenizer = tokenizer;
        Settings = settings;
        _hasTokenTypes = session.InputMetadata.ContainsKey("token_type_ids");
        if (!session.OutputMetadata.ContainsKey("sentence_embedding"))
        {
            throw new ModelFormatException(modelId, "has no sentence_embedding output; export it with LossGen's OnnxExporter.");
        }

        _metadata = new EmbeddingGeneratorMetadata("LossGen.OnnxRuntime", defaultModelId: modelId, defaultModelDimensions: settings.EmbeddingDimension);
    }

    /// <summary>The tokenizer read from the export's folder.</summary>
    public TextTokenizer Tokenizer { get; }

    /// <summary>How texts become inputs (truncation, lower-casing, prompts, similarity).</summary>
    public TokenizationSettings Settings { get; }

    /// <summary>
    /// Opens an exported model: <paramref name="onnxPath"/>, its <c>.tokenization.json</c> and the tokenizer files in
    /// the same folder.
    /// </summary>
    /// <param name="onnxPath">The ONNX file OnnxExporter wrote.</param>
    /// <param name="options">ONNX Runtime session options (execution providers, threads); defaults when <c>null</c>.</param>
    /// <exception cref="ModelFormatException">A file is missing or malformed, or the graph is not one LossGen exported.</exception>
    public static OnnxSentenceEncoder Load(string onnxPath, SessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(onnxPath);
        string path = Path.GetFullPath(onnxPath);
        TokenizationSettings settings = TokenizationSettings.Read(TokenizationSettings.PathFor(path));
        TextTokenizer tokenizer = TokenizerFolder.Load(Path.GetDirectoryName(path)!, settings.ModelType);
        return OnnxSessions.OpenFor(path, options, session => new OnnxSentenceEncoder(session, tokenizer, settings, path));
    }

    /// <summary>
    /// sentence-transformers' <c>encode</c>: the embeddings of <paramref name="texts"/> in batches sorted by length, in
    /// input order. The prompt is <paramref name="prompt"/> when given (<c>""</c> for none), else the one named
    /// <paramref name="promptName"/>, else the default prompt.
    /// </summary>
    public float[][] Embed(IReadOnlyList<string> texts, int batchSize = 32, string? promptName = null, string? prompt = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        string? resolved = SentenceText.ResolvePrompt(Settings.Prompts, Settings.DefaultPromptName, promptName, prompt);
        var result = new float[texts.Count][];
        foreach (int[] chunk in Enumerable.Range(0, texts.Count).OrderByDescending(i => texts[i]?.Length ?? 0).Chunk(batchSize))
        {
            int[][] encoded = chunk.Select(i => SentenceText.Encode(Tokenizer, texts[i] ?? throw new ArgumentException($"Text {i} is null.", nameof(texts)), resolved, Settings.DoLowerCase, Settings.MaxSeqLength)).ToArray();
            float[][] rows = Run(encoded);
            for (int k = 0; k < chunk.Length; k++)
            {
                result[chunk[k]] = rows[k];
            }
        }

        return result;
    }

    /// <inheritdoc />
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        string[] texts = values.ToArray();
        cancellationToken.ThrowIfCancellationRequested();
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(texts.Length);
        foreach (float[] row in Embed(texts))
        {
            embeddings.Add(new Embedding<float>(row) { ModelId = _metadata.DefaultModelId, CreatedAt = DateTimeOffset.UtcNow });
        }

        return Task.FromResult(embeddings);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType == typeof(InferenceSession) ? _session
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    private float[][] Run(int[][] encoded)
    {
        (long[] ids, long[] mask, int length) = Tokenizer.PadToLongest(encoded);
        int[] shape = [encoded.Length, length];
        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, shape)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, shape)),
        };
        if (_hasTokenTypes)
        {
            // One text per row: token type 0 everywhere, as BertTokenizer gives.
            inputs.Add(NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(new long[ids.Length], shape)));
        }

        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> outputs = _session.Run(inputs, ["sentence_embedding"]);
        float[] flat = outputs[0].AsTensor<float>().ToArray();
        int width = flat.Length / encoded.Length;
        return Enumerable.Range(0, encoded.Length).Select(i => flat.AsSpan(i * width, width).ToArray()).ToArray();
    }
}
