using System;
using System.Collections;
using System.Globalization;
using System.Text;

namespace LossGen.Distributed;

/// <summary>
/// FNV-1a over what the ranks of a data-parallel run must agree on (parameter names and shapes, arguments, training
/// rows), so that rank 0 can broadcast one number per part instead of the parts themselves.
/// </summary>
internal sealed class RunFingerprint
{
    private ulong _hash = 14695981039346656037;

    /// <summary>The hash of everything added so far.</summary>
    public long Value => unchecked((long)_hash);

    /// <summary>Adds <paramref name="text"/>, closed by a separator so that adjacent texts cannot run together.</summary>
    public RunFingerprint Add(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            Mix(b);
        }

        Mix(0xFF);
        return this;
    }

    /// <summary>Adds a label or cell: a string, a number (round-trip form), a list of them, or null.</summary>
    public RunFingerprint AddValue(object? value)
    {
        switch (value)
        {
            case null:
                return Add("\u2205");
            case string text:
                return Add(text);
            case IEnumerable items:
                Add("[");
                foreach (object? item in items)
                {
                    AddValue(item);
                }

                return Add("]");
            case IFormattable number:
                return Add(number.ToString("R", CultureInfo.InvariantCulture));
            default:
                return Add(value.ToString() ?? string.Empty);
        }
    }

    private void Mix(byte b) => _hash = (_hash ^ b) * 1099511628211;
}
