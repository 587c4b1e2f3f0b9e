using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RemotePc.Sandbox.Hosting;

/// <summary>
/// Wraps the caller's logger factory and silences ASP.NET Core's request logging, which would write autologin
/// URLs (tokens included) into the log. The caller owns the wrapped factory, so it is not disposed here.
/// </summary>
internal sealed class TokenSafeLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private static readonly string[] PathLoggingCategories =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Http.Result",
        "Microsoft.AspNetCore.Server.Kestrel",
    ];

    public ILogger CreateLogger(string categoryName) =>
        PathLoggingCategories.Any(prefix => categoryName.StartsWith(prefix, StringComparison.Ordinal))
            ? NullLogger.Instance
            : inner.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose()
    {
    }
}
