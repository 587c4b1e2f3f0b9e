using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace RemotePc.Sandbox;

/// <summary>
/// Standalone sandbox: <c>dotnet run --project src/RemotePc.Sandbox [--Sandbox:ApiKey=...]</c>, or environment
/// variables such as <c>Sandbox__ApiKey</c>. Defaults differ from in-process use: port 5080 and a SQLite file
/// under <c>./data</c>, so the demo data survives restarts.
/// </summary>
public static class SandboxProgram
{
    public static async Task Main(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();

        var options = new SandboxOptions { Port = 5080, DatabasePath = "./data/sandbox.db" };
        var section = configuration.GetSection(SandboxOptions.Section);
        section.Bind(options);

        // The binder appends configured list items to the defaults; a configured whitelist must replace them.
        var allowedIps = section.GetSection(nameof(SandboxOptions.AllowedIps));
        if (allowedIps.Exists())
        {
            options.AllowedIps = allowedIps.Get<List<string>>() ?? [];
        }

        using var loggerFactory = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(console => console.SingleLine = true)
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft", LogLevel.Warning));

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, eventArgs) =>
        {
            eventArgs.Cancel = true;
            stop.Cancel();
        };
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM,
            signal =>
            {
                signal.Cancel = true;
                stop.Cancel();
            });

        await using var host = await SandboxHost.StartAsync(options, loggerFactory, ct: stop.Token);
        Console.WriteLine($"RemotePC sandbox listening on {host.BaseAddress}");
        Console.WriteLine($"  API base:  {host.ApiBaseAddress}");
        Console.WriteLine($"  API key:   {host.Control.ApiKey}");
        Console.WriteLine($"  Store:     {Path.GetFullPath(options.DatabasePath!)} ({host.Control.UserCount} users; seeded users' password: {SandboxControl.SeededUserPassword})");
        Console.WriteLine(options.EnableControl ? $"  Control:   {host.BaseAddress}_sandbox/ (loopback only)" : "  Control:   disabled");
        Console.WriteLine("Press Ctrl+C to stop.");

        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: fall through to dispose the host.
        }
    }
}
