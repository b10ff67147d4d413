using System;
using System.Collections.Generic;
using LossGen.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LossGen.Tests.Support;

/// <summary>Collects what LossGen logs; <see cref="Install"/> routes <see cref="LossGenLogging"/> to it until disposed.</summary>
public sealed class CapturingLoggerFactory : ILoggerFactory, ILogger
{
    public List<string> Messages { get; } = [];

    /// <summary>A factory that LossGen logs to until the result is disposed.</summary>
    public static (CapturingLoggerFactory Logger, IDisposable Scope) Install()
    {
        var logger = new CapturingLoggerFactory();
        LossGenLogging.Configure(logger);
        return (logger, new LossGen.Backbones.ScopeExit(() => LossGenLogging.Configure(NullLoggerFactory.Instance)));
    }

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void Dispose()
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) => Messages.Add(formatter(state, exception));
}
