using System.Globalization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Features.Users;
using Portal.Harness.Infrastructure;

namespace Portal.Harness.Rows;

/// <summary>
/// Row 4: managed heap per open circuit. N Chromium tabs on the portal's users page (200,000 users) against N tabs on an
/// empty interactive page of the baseline host in the same process, alternately. Each phase: full GC, open N tabs and wait
/// until all N circuits are open, full GC, close them, wait until all N circuits are gone, settled full GC. The shared list is
/// fetched, and its sort orders built, before the first phase, so it is in every "before" figure and never per circuit.
/// </summary>
internal static class CircuitMemoryRow
{
    private const int Users = 200_000;
    private const int Tabs = 20;

    public static async Task<IReadOnlyList<ResultRow>> RunAsync(int alternations)
    {
        Console.WriteLine($"Row 4: seeding {Users:N0} users and fetching them …");
        var portalCircuits = new CircuitCounter();
        await using var portal = new HarnessPortal(Users, new Dictionary<string, string?>
        {
            ["Portal:Circuits:MaxPerAccount"] = "1000",
            // Closed tabs are let go at once, so one phase's circuits are gone before the next phase measures.
            ["Portal:Circuits:DisconnectedRetention"] = "00:00:01",
        }, s => s.AddSingleton<CircuitHandler>(portalCircuits));
        var cache = portal.Services.GetRequiredService<ResellerUserCache>();
        await cache.GetAsync();
        await using var baseline = await BaselineHost.StartAsync(cache);
        await using var chromium = await Chromium.LaunchAsync();
        var auth = await chromium.SignInAsync(portal.BaseUrl);
        var portalPhase = new Phase("users page", () => chromium.NewContextAsync(portal.BaseUrl, auth), "/users", "[data-testid=user-email]", portalCircuits);
        var emptyPhase = new Phase("empty page", () => chromium.NewContextAsync(baseline.BaseUrl), "/baseline/empty", "#interactive", baseline.Circuits);

        // Warm-up: JIT, MudBlazor's first renders, the snapshot's sort orders.
        await MeasureAsync(portalPhase, 3);
        await MeasureAsync(emptyPhase, 3);

        if (Environment.GetEnvironmentVariable("HARNESS_ALLOCATIONS") == "1")
        {
            using var sampler = new AllocationSampler();
            sampler.Start();
            await MeasureAsync(portalPhase, Tabs);
            foreach (var (type, bytes) in sampler.Stop(15))
            {
                Console.WriteLine($"    allocated while opening {Tabs} users pages: {bytes / 1024:N0} KB {type}");
            }
        }

        var portalBytes = new List<double>();
        var emptyBytes = new List<double>();
        for (var i = 0; i < alternations; i++)
        {
            foreach (var phase in i % 2 == 0 ? new[] { portalPhase, emptyPhase } : [emptyPhase, portalPhase])
            {
                (phase == portalPhase ? portalBytes : emptyBytes).Add(await MeasureAsync(phase, Tabs));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  alternation {i + 1}: users page {portalBytes[^1] / 1024:N0} KB per circuit, empty page {emptyBytes[^1] / 1024:N0} KB per circuit"));
        }
        var ratios = portalBytes.Zip(emptyBytes, (p, e) => p / e).ToList();
        var ratio = Stats.Median(ratios);
        return
        [
            new("4", $"managed heap per circuit, users page, {Users:N0} users ({Tabs} tabs)",
                string.Create(CultureInfo.InvariantCulture, $"{Stats.Median(emptyBytes) / 1024:N0} KB"),
                string.Create(CultureInfo.InvariantCulture, $"{Stats.Median(portalBytes) / 1024:N0} KB"),
                string.Create(CultureInfo.InvariantCulture, $"{ratio:N2}× (median of {alternations})"), "≤ 1.5×", ratio is > 0 and <= 1.5),
        ];
    }

    // Closed circuits of the previous phase release some of what they held a little later (SignalR, timers): wait until
    // two full collections half a second apart agree within 64 KB, so that release is not credited to this phase.
    private static async Task<long> SettledHeapAsync()
    {
        var last = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < 20; i++)
        {
            await Task.Delay(500);
            var now = GC.GetTotalMemory(forceFullCollection: true);
            if (Math.Abs(now - last) < 64 * 1024)
            {
                return now;
            }
            last = now;
        }
        return last;
    }

    private sealed record Phase(string Name, Func<Task<IBrowserContext>> NewContext, string Path, string Ready, CircuitCounter Circuits);

    /// <returns>
    /// Bytes of managed heap per open circuit: what the heap gives back when the circuits close (after a full GC with all N
    /// open, minus the settled heap once all are gone). Measured on the way down rather than up, because what earlier
    /// phases leave behind (SignalR buffers, expiring caches) is released at times of its own and made "before" figures
    /// swing by hundreds of KB per circuit on the empty page.
    /// </returns>
    private static async Task<double> MeasureAsync(Phase phase, int tabs)
    {
        await phase.Circuits.WaitForAsync(open => open == 0, TimeSpan.FromSeconds(60));
        await SettledHeapAsync();
        var contexts = new List<IBrowserContext>();
        long open;
        try
        {
            for (var t = 0; t < tabs; t++)
            {
                var context = await phase.NewContext();
                contexts.Add(context);
                var page = await context.NewPageAsync();
                await page.GotoAsync(phase.Path);
                await page.WaitForSelectorAsync(phase.Ready);
            }
            await phase.Circuits.WaitForAsync(n => n == tabs, TimeSpan.FromSeconds(60));
            // Let the first interactive renders and their acknowledgements finish.
            await Task.Delay(1000);
            open = GC.GetTotalMemory(forceFullCollection: true);
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.CloseAsync();
            }
        }
        await phase.Circuits.WaitForAsync(n => n == 0, TimeSpan.FromSeconds(60));
        var closed = await SettledHeapAsync();
        return (open - closed) / (double)tabs;
    }
}
