using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;

namespace Portal.Tests.Hosting;

/// <summary>
/// Two portal instances as they run behind a load balancer: one database (PostgreSQL in the PostgreSQL run, a shared SQLite
/// file otherwise), the real DataProtection key ring in it under one application name, each with its own embedded sandbox.
/// </summary>
public sealed class TwoInstances : IDisposable
{
    private readonly List<SecurityFactory> _hosts = [];

    public TwoInstances(Dictionary<string, string?>? settings = null)
    {
        Database = TestDatabase.Shared("two");
        A = Host(settings);
        _ = A.Server; // the first instance migrates the empty database; the second starts on the result
        B = Host(settings);
        _ = B.Server;
    }

    public TestDatabase Database { get; }

    public SecurityFactory A { get; }

    public SecurityFactory B { get; }

    /// <summary>Another instance on the same database, e.g. with a different application name.</summary>
    public SecurityFactory Host(Dictionary<string, string?>? settings = null)
    {
        var host = SecurityFactory.Create(new SecurityFactoryOptions
        {
            Database = Database,
            EphemeralKeys = false,
            Settings = settings ?? [],
        });
        _hosts.Add(host);
        return host;
    }

    /// <summary>A client of <paramref name="host"/> that keeps its cookies in <paramref name="cookies"/>, as one browser does across instances.</summary>
    public static HttpClient Browser(SecurityFactory host, CookieContainer cookies) =>
        host.CreateDefaultClient(new CookieContainerHandler(cookies));

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }
        Database.Dispose();
    }

    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {within}; last value: {value}");
            }
            await Task.Delay(100);
        }
    }
}
