using Microsoft.ML.OnnxRuntime;
using LossGen.Serialization;

namespace LossGen.OnnxRuntime;

/// <summary>Opens ONNX Runtime sessions, reporting a file it cannot load as a <see cref="ModelFormatException"/>.</summary>
internal static class OnnxSessions
{
    public static InferenceSession Open(string path, SessionOptions? options)
    {
        try
        {
            return options is null ? new InferenceSession(path) : new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelFormatException(path, $"ONNX Runtime cannot load it: {e.Message}", e);
        }
    }

    /// <summary>Opens <paramref name="path"/> and hands the session to <paramref name="create"/>, disposing it if that refuses the graph.</summary>
    public static T OpenFor<T>(string path, SessionOptions? options, System.Func<InferenceSession, T> create)
    {
        InferenceSession session = Open(path, options);
        try
        {
            return create(session);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }
}
