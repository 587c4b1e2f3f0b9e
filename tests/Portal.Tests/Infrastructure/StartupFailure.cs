using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Portal.Tests.Security;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// What a portal that fails to start tells its operator: the exception, and what the host logged ("Hosting failed to
/// start", with the exception). Both, because WebApplicationFactory sometimes loses the app's own exception when the
/// start fails: if the app has already failed and disposed its host, the factory's wait for the start reads that host's
/// services and throws ObjectDisposedException instead (DeferredHost.StartAsync; seen once in a PostgreSQL CI run). The
/// log has it then. A failure while the host is built (a certificate that cannot be loaded) is not logged, and the
/// factory throws it as it is.
/// </summary>
public static class StartupFailure
{
    /// <summary>Starts the host, which must fail, and returns the exception's and the log's text; disposes the factory.</summary>
    public static string Of(WebApplicationFactory<Program> factory)
    {
        var log = new ConcurrentQueue<string>();
        using (factory)
        using (var logged = factory.WithWebHostBuilder(builder => builder.ConfigureLogging(
            logging => logging.AddProvider(new CapturingLoggerProvider(log)))))
        {
            var error = Assert.ThrowsAny<Exception>(() => logged.Services);
            return error + Environment.NewLine + "Logged:" + Environment.NewLine + string.Join(Environment.NewLine, log);
        }
    }
}
