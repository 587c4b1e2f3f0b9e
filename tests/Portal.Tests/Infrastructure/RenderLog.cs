using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// Blazor's own account of what it rendered ("Rendering component … of type …", the Renderer's Debug log), read back by
/// component type: how many times a component itself rendered, which bUnit's RenderCount (a component and everything
/// below it) does not tell.
/// </summary>
public sealed class RenderLog : ILoggerProvider, ILogger
{
    public const string Category = "Microsoft.AspNetCore.Components.RenderTree.Renderer";

    private readonly ConcurrentQueue<Type> _rendered = new();

    public int Count<TComponent>() => _rendered.Count(t => t == typeof(TComponent));

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Name == "RenderingComponent" && state is IReadOnlyList<KeyValuePair<string, object?>> values
            && values.FirstOrDefault(v => v.Key == "ComponentType").Value is Type type)
        {
            _rendered.Enqueue(type);
        }
    }

    public void Dispose()
    {
    }
}
