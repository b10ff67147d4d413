using System;
using Xunit;

namespace LossGen.Tests.Support;

/// <summary>A fact about Linux behaviour (the C library's environment, libgomp): skipped, with that reason, elsewhere.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Linux only: it checks the C library's environment that libgomp reads.";
        }
    }
}
