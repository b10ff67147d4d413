using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace LossGen.Reporting;

/// <summary>Draws a training loss curve as a PNG (raw per-step loss in grey, its moving average in blue), with no dependency.</summary>
public static class LossCurvePlot
{
    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        uint c = (uint)n;
        for (int k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }

        return c;
    }).ToArray();

    /// <summary>Writes the curve of <paramref name="losses"/> to <paramref name="path"/>.</summary>
    public static void Save(string path, IReadOnlyList<double> losses, int width = 640, int height = 360)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(losses);
        var pixels = new byte[width * height * 3];
        Array.Fill(pixels, (byte)255);
        const int margin = 30;
        DrawLine(pixels, width, margin, height - margin, width - margin, height - margin, (0, 0, 0));
        DrawLine(pixels, width, margin, margin, margin, height - margin, (0, 0, 0));
        double[] finite = losses.Where(double.IsFinite).ToArray();
        if (finite.Length > 0)
        {
            double low = Math.Min(0, finite.Min()), high = Math.Max(finite.Max(), low + 1e-9);
            (int X, int Y) Point(int i, double value) => (
                margin + (int)Math.Round((width - (2 * margin)) * (losses.Count == 1 ? 0.5 : i / (double)(losses.Count - 1))),
                height - margin - (int)Math.Round((height - (2 * margin)) * (value - low) / (high - low)));
            int window = Math.Max(1, losses.Count / 20);
            double[] smooth = losses.Select((_, i) => losses.Skip(Math.Max(0, i - window + 1)).Take(Math.Min(window, i + 1)).Average()).ToArray();
            for (int i = 1; i < losses.Count; i++)
            {
                var (x0, y0) = Point(i - 1, losses[i - 1]);
                var (x1, y1) = Point(i, losses[i]);
                DrawLine(pixels, width, x0, y0, x1, y1, (180, 180, 180));
            }

            for (int i = 1; i < smooth.Length; i++)
            {
                var (x0, y0) = Point(i - 1, smooth[i - 1]);
                var (x1, y1) = Point(i, smooth[i]);
                DrawLine(pixels, width, x0, y0, x1, y1, (30, 90, 200));
            }
        }

        WritePng(path, pixels, width, height);
    }

    private static void DrawLine(byte[] pixels, int width, int x0, int y0, int x1, int y1, (byte R, byte G, byte B) color)
    {
        int steps = Math.Max(Math.Abs(x1 - x0), Math.Abs(y1 - y0)) + 1;
        for (int s = 0; s <= steps; s++)
        {
            int x = x0 + ((x1 - x0) * s / steps), y = y0 + ((y1 - y0) * s / steps);
            int height = pixels.Length / (width * 3);
            if (x < 0 || y < 0 || x >= width || y >= height)
            {
                continue;
            }

            int at = ((y * width) + x) * 3;
            pixels[at] = color.R;
            pixels[at + 1] = color.G;
            pixels[at + 2] = color.B;
        }
    }

    private static void WritePng(string path, byte[] rgb, int width, int height)
    {
        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (int y = 0; y < height; y++)
            {
                zlib.WriteByte(0);
                zlib.Write(rgb, y * width * 3, width * 3);
            }
        }

        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        file.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        byte[] header = new byte[13];
        WriteBigEndian(header, 0, (uint)width);
        WriteBigEndian(header, 4, (uint)height);
        header[8] = 8;
        header[9] = 2;
        Chunk(file, "IHDR", header);
        Chunk(file, "IDAT", raw.ToArray());
        Chunk(file, "IEND", []);
        file.Flush(flushToDisk: true);
    }

    private static void Chunk(Stream stream, string type, byte[] data)
    {
        byte[] length = new byte[4];
        WriteBigEndian(length, 0, (uint)data.Length);
        stream.Write(length);
        byte[] typed = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        stream.Write(typed);
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in typed)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        byte[] checksum = new byte[4];
        WriteBigEndian(checksum, 0, crc ^ 0xFFFFFFFFu);
        stream.Write(checksum);
    }

    private static void WriteBigEndian(byte[] buffer, int offset, uint value)
    {
        buffer[offset] = (byte)(value >> 24);
        buffer[offset + 1] = (byte)(value >> 16);
        buffer[offset + 2] = (byte)(value >> 8);
        buffer[offset + 3] = (byte)value;
    }
}
