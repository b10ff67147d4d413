using System;
using LossGen.SentenceTransformers;
using LossGen.SentenceTransformers.Modules;
using LossGen.SentenceTransformers.Pretrained;

namespace LossGen.Tests.Models;

/// <summary>One all-MiniLM-L6-v2 per test class that needs it: loading it reads and converts 90 MB.</summary>
public sealed class MiniLmFixture : IDisposable
{
    public MiniLmFixture()
    {
        // Built outside any test's dispose scope, so leak checks see only what a test creates.
        Model = AllMiniLmL6V2.Load();
        (byte[] onnx, _) = AllMiniLmL6V2.ReadResources(AllMiniLmL6V2.DefaultAssemblyPath);
        OnnxModel = onnx;
    }

    public SentenceTransformer Model { get; }

    public byte[] OnnxModel { get; }

    public void Dispose() => Model.Dispose();
}
