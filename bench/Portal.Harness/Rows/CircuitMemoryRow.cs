using System.Globalization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Features.Users;
using Portal.Harness.Infrastructure;

namespace Portal.Harness.Rows;

/// <summary>
/// Row 4: managed heap per open circuit. N Chromium tabs on the portal's users page (200,000 users) against N tabs on an
/// empty interactive page of the baseline host in the same process, and N signed-in tabs on the portal's own shell (the
/// not-found view inside MainLayout), in turn. The shell says how much of the gap is the users page itself and how much is
/// the layout, MudBlazor's providers and the auth state every portal page carries. Each phase: full GC, open N tabs and wait
/// until all N circuits are open, full GC, close them, wait until all N circuits are gone, settled full GC. The shared list is
/// fetched, and its sort orders built, before the first phase, so it is in every "before" figure and never per circuit.
/// HARNESS_HEAPDUMP=&lt;folder&gt; writes heap dumps of this process (HARNESS_GCDUMP=&lt;folder&gt;: .gcdump files, through the
/// dotnet-gcdump tool) with N tabs open and after they closed, for each phase, to compare what a circuit holds type by type.
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
        var shellPhase = new Phase("portal shell", () => chromium.NewContextAsync(portal.BaseUrl, auth), "/not-found", "[data-testid=not-found]", portalCircuits);

        // Warm-up: JIT, MudBlazor's first renders, the snapshot's sort orders.
        await MeasureAsync(portalPhase, 3);
        await MeasureAsync(emptyPhase, 3);
        await MeasureAsync(shellPhase, 3);

        // For a type-by-type comparison: a dump with N tabs open and one after they closed, for each phase.
        var dumpFolder = Environment.GetEnvironmentVariable("HARNESS_HEAPDUMP");
        var gcdumpFolder = Environment.GetEnvironmentVariable("HARNESS_GCDUMP");
        if (dumpFolder is { Length: > 0 } || gcdumpFolder is { Length: > 0 })
        {
            foreach (var phase in new[] { portalPhase, shellPhase, emptyPhase })
            {
                var tag = phase.Name.Replace(' ', '-');
                await MeasureAsync(phase, Tabs, () => Dump($"row4-{tag}-{Tabs}-open"), () => Dump($"row4-{tag}-closed"));
            }
        }
        void Dump(string name)
        {
            if (dumpFolder is { Length: > 0 })
            {
                HeapDump.Write(dumpFolder, name);
            }
            if (gcdumpFolder is { Length: > 0 })
            {
                GcDump.Write(gcdumpFolder, name);
            }
        }

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

        var perCircuit = new Dictionary<Phase, List<double>> { [portalPhase] = [], [emptyPhase] = [], [shellPhase] = [] };
        Phase[] order = [portalPhase, emptyPhase, shellPhase];
        for (var i = 0; i < alternations; i++)
        {
            // Each round starts one phase later, so no phase always follows the same one.
            for (var k = 0; k < order.Length; k++)
            {
                var phase = order[(i + k) % order.Length];
                perCircuit[phase].Add(await MeasureAsync(phase, Tabs));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  round {i + 1}: users page {perCircuit[portalPhase][^1] / 1024:N0} KB per circuit, empty page {perCircuit[emptyPhase][^1] / 1024:N0} KB, portal shell {perCircuit[shellPhase][^1] / 1024:N0} KB"));
        }
        var portalBytes = perCircuit[portalPhase];
        var vsEmpty = Stats.Median(portalBytes.Zip(perCircuit[emptyPhase], (p, e) => p / e));
        var vsShell = Stats.Median(portalBytes.Zip(perCircuit[shellPhase], (p, s) => p / s));
        return
        [
            new("4", $"managed heap per circuit, users page, {Users:N0} users ({Tabs} tabs)",
                string.Create(CultureInfo.InvariantCulture, $"{Stats.Median(perCircuit[emptyPhase]) / 1024:N0} KB (empty page)"),
                string.Create(CultureInfo.InvariantCulture, $"{Stats.Median(portalBytes) / 1024:N0} KB"),
                string.Create(CultureInfo.InvariantCulture, $"{vsEmpty:N2}× (median of {alternations})"), "≤ 1.5×", vsEmpty is > 0 and <= 1.5),
            // Context, not a target: the part of the gap that the users page itself adds to what every portal page costs.
            new("4", "… the same against the portal's own shell (not-found view in MainLayout, signed in)",
                string.Create(CultureInfo.InvariantCulture, $"{Stats.Median(perCircuit[shellPhase]) / 1024:N0} KB (shell)"),
                string.Create(CultureInfo.InvariantCulture, $"{Stats.Median(portalBytes) / 1024:N0} KB"),
                string.Create(CultureInfo.InvariantCulture, $"{vsShell:N2}× (median of {alternations})"), "—", null),
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
    private static async Task<double> MeasureAsync(Phase phase, int tabs, Action? whileOpen = null, Action? afterClosed = null)
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
            whileOpen?.Invoke();
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
        afterClosed?.Invoke();
        return (open - closed) / (double)tabs;
    }
}
