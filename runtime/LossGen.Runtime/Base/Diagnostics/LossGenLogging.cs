using System;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LossGen.Diagnostics;

/// <summary>
/// The one channel LossGen's warnings go through (a loss that returns 0 for a batch it cannot learn from, for
/// instance): the application's <see cref="ILoggerFactory"/>, set once at start-up. LossGen never writes to the console.
/// Until <see cref="Configure"/> is called, warnings are dropped.
/// </summary>
public static class LossGenLogging
{
    private static ILoggerFactory _factory = NullLoggerFactory.Instance;

    /// <summary>The factory LossGen creates its loggers from.</summary>
    public static ILoggerFactory LoggerFactory => _factory;

    /// <summary>Sends LossGen's warnings to <paramref name="factory"/> (for example the host's <c>ILoggerFactory</c>).</summary>
    public static void Configure(ILoggerFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factory = factory;
    }

    /// <summary>A logger whose category is <typeparamref name="T"/>'s full name.</summary>
    public static ILogger CreateLogger<T>() => _factory.CreateLogger(typeof(T).FullName ?? typeof(T).Name);
}
