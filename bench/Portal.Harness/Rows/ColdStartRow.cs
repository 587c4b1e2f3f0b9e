using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Portal.Harness.Infrastructure;

namespace Portal.Harness.Rows;

/// <summary>
/// Row 7: cold start to the first served page. The portal and the bare Blazor Web App (bench/BareBlazor) are published
/// the same way (Release, framework-dependent) and started as processes, alternately, each time with a fresh empty
/// data folder, so the portal starts on its embedded defaults (a new SQLite file, migrations, the in-process sandbox
/// seeding its demo users, a new key ring). Timed from Process.Start to the first 200 text/html answer to GET /
/// (the portal's first run redirects / to /setup, which is followed).
/// </summary>
internal static class ColdStartRow
{
    public static async Task<IReadOnlyList<ResultRow>> RunAsync(int alternations)
    {
        var root = Directory.CreateTempSubdirectory("coldstart-").FullName;
        try
        {
            var portal = await PublishAsync(Path.Combine(Repository.Root, "Portal.csproj"), Path.Combine(root, "portal"));
            var bare = await PublishAsync(Path.Combine(Repository.Root, "bench", "BareBlazor", "BareBlazor.csproj"), Path.Combine(root, "bare"));
            // One unmeasured start of each warms the OS file cache, as a real "cold" start after a deploy would find it.
            await StartToFirstPageAsync(portal, "Portal.dll", root, isPortal: true);
            await StartToFirstPageAsync(bare, "BareBlazor.dll", root, isPortal: false);

            var portalMs = new List<double>();
            var bareMs = new List<double>();
            for (var i = 0; i < alternations; i++)
            {
                // A/B, then B/A: neither app always runs right after the other.
                var portalFirst = i % 2 == 0;
                for (var turn = 0; turn < 2; turn++)
                {
                    if ((turn == 0) == portalFirst)
                    {
                        portalMs.Add(await StartToFirstPageAsync(portal, "Portal.dll", root, isPortal: true));
                    }
                    else
                    {
                        bareMs.Add(await StartToFirstPageAsync(bare, "BareBlazor.dll", root, isPortal: false));
                    }
                }
                Console.WriteLine($"  alternation {i + 1}: portal {portalMs[^1]:N0} ms, bare Blazor {bareMs[^1]:N0} ms");
            }
            var ratios = portalMs.Zip(bareMs, (p, b) => p / b).ToList();
            var ratio = Stats.Median(ratios);
            return
            [
                new("7", "cold start to first served page (embedded defaults)", $"{Stats.Median(bareMs):N0} ms", $"{Stats.Median(portalMs):N0} ms",
                    $"{ratio:N2}× (median of {alternations} paired)", "≤ 1.5×", ratio <= 1.5),
            ];
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    // The same for both apps. ReadyToRun: both start with precompiled code, so the figure compares the work each does at
    // start rather than how much of it the JIT has to compile first (the portal has far more code than the template).
    private static readonly string[] PublishFlags = ["-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true"];

    private static async Task<string> PublishAsync(string project, string output)
    {
        Console.WriteLine($"Row 7: publishing {Path.GetFileName(project)} …");
        var publish = Process.Start(new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-o", output, "--nologo", "-v", "q", .. PublishFlags])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish {project} failed:\n{await stdout}\n{await stderr}");
        }
        return output;
    }

    private static async Task<double> StartToFirstPageAsync(string folder, string dll, string root, bool isPortal)
    {
        var data = Directory.CreateDirectory(Path.Combine(root, $"data-{Guid.NewGuid():N}")).FullName;
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(folder, dll)])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        if (isPortal)
        {
            // The embedded defaults, only pointed at a fresh folder: SQLite file, in-process sandbox with its own file.
            start.Environment["Database__ConnectionString"] = $"Data Source={Path.Combine(data, "portal.db")}";
            start.Environment["Sandbox__DatabasePath"] = Path.Combine(data, "sandbox.db");
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var url = $"http://127.0.0.1:{port}/";
        var started = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        // Drained so a chatty log can never fill the pipe and stall the app.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (started.Elapsed < TimeSpan.FromSeconds(120))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{dll} exited with {process.ExitCode} before serving a page.");
                }
                try
                {
                    using var response = await http.GetAsync(url);
                    if (response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == "text/html")
                    {
                        await response.Content.ReadAsByteArrayAsync();
                        return started.Elapsed.TotalMilliseconds;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                await Task.Delay(5);
            }
            throw new TimeoutException($"{dll} served no page within 120 s.");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
