using System.Globalization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Features.Users;
using Portal.Harness.Infrastructure;

namespace Portal.Harness.Rows;

/// <summary>
/// Row 3: in Chromium, with 200,000 users, a keystroke in the search box and a click on a sort header, each timed in the
/// page to the frame that paints the changed rows. The portal's users page against a plain Virtualize page over the same
/// snapshot, alternating the two; per alternation the ratio of the medians, overall the median of those ratios and the
/// portal's p95.
/// </summary>
internal static class InteractionRow
{
    private const int Users = 200_000;
    private const int SamplesPerKind = 6;

    private static readonly Target Portal = new("portal", "/users", "[data-testid=user-email]", "input[data-testid=user-search]",
        ["[data-testid=sort-allotted]", "[data-testid=sort-utilized]"]);

    private static readonly Target Baseline = new("baseline", "/baseline/users", ".user-email", "#search", ["#sort-allotted", "#sort-utilized"]);

    public static async Task<IReadOnlyList<ResultRow>> RunAsync(int alternations)
    {
        Console.WriteLine($"Row 3: seeding {Users:N0} users and fetching them …");
        await using var portal = new HarnessPortal(Users, new Dictionary<string, string?> { ["Portal:Circuits:MaxPerAccount"] = "1000" });
        var cache = portal.Services.GetRequiredService<ResellerUserCache>();
        var status = await cache.GetAsync();
        Console.WriteLine($"  the shared list holds {status.Snapshot?.Users.Count:N0} users");
        await using var baseline = await BaselineHost.StartAsync(cache);
        await using var chromium = await Chromium.LaunchAsync();
        var auth = await chromium.SignInAsync(portal.BaseUrl);

        await using var portalContext = await chromium.NewContextAsync(portal.BaseUrl, auth);
        await using var baselineContext = await chromium.NewContextAsync(baseline.BaseUrl);
        var portalPage = await OpenAsync(portalContext, Portal);
        var baselinePage = await OpenAsync(baselineContext, Baseline);

        // Warm-up (JIT on both sides, the sort orders of the snapshot) is not measured.
        await SampleAsync(portalPage, Portal, 2);
        await SampleAsync(baselinePage, Baseline, 2);

        var all = new Dictionary<(string App, string Kind), List<double>>();
        var ratios = new Dictionary<string, List<double>> { ["keystroke"] = [], ["sort click"] = [] };
        var missed = 0;
        for (var i = 0; i < alternations; i++)
        {
            var order = i % 2 == 0 ? new[] { (Portal, portalPage), (Baseline, baselinePage) } : [(Baseline, baselinePage), (Portal, portalPage)];
            var round = new Dictionary<(string, string), List<double>>();
            foreach (var (target, page) in order)
            {
                var samples = await SampleAsync(page, target, SamplesPerKind);
                missed += samples.Missed;
                foreach (var (kind, values) in samples.ByKind)
                {
                    round[(target.Name, kind)] = values;
                    all.TryAdd((target.Name, kind), []);
                    all[(target.Name, kind)].AddRange(values);
                }
            }
            foreach (var kind in ratios.Keys)
            {
                ratios[kind].Add(Stats.Median(round[("portal", kind)]) / Stats.Median(round[("baseline", kind)]));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  alternation {i + 1}: keystroke portal {Stats.Median(round[("portal", "keystroke")]):N0} ms / baseline {Stats.Median(round[("baseline", "keystroke")]):N0} ms; " +
                $"sort portal {Stats.Median(round[("portal", "sort click")]):N0} ms / baseline {Stats.Median(round[("baseline", "sort click")]):N0} ms"));
        }
        if (missed > 0)
        {
            Console.WriteLine($"  {missed} inputs changed no row within the time limit and were left out.");
        }

        return ratios.Keys.Select(kind =>
        {
            var ratio = Stats.Median(ratios[kind]);
            var p95 = Stats.Percentile(all[("portal", kind)], 0.95);
            return new ResultRow("3", $"{kind} → rows painted, {Users:N0} users",
                string.Create(CultureInfo.InvariantCulture, $"{Stats.Median(all[("baseline", kind)]):N0} ms (p95 {Stats.Percentile(all[("baseline", kind)], 0.95):N0})"),
                string.Create(CultureInfo.InvariantCulture, $"{Stats.Median(all[("portal", kind)]):N0} ms (p95 {p95:N0})"),
                string.Create(CultureInfo.InvariantCulture, $"{ratio:N2}× (median of {alternations})"),
                "≤ 1.5×, p95 < 150 ms", ratio <= 1.5 && p95 < 150);
        }).ToList();
    }

    private static async Task<IPage> OpenAsync(IBrowserContext context, Target target)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(target.Path);
        await page.WaitForSelectorAsync(target.FirstRow);
        // Interactive once blazor.web.js has connected the circuit; the first rows may come from prerendering.
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Task.Delay(1000);
        await PaintTimer.InstallAsync(page);
        return page;
    }

    private sealed record Samples(Dictionary<string, List<double>> ByKind, int Missed);

    private static async Task<Samples> SampleAsync(IPage page, Target target, int perKind)
    {
        var byKind = new Dictionary<string, List<double>> { ["keystroke"] = [], ["sort click"] = [] };
        var missed = 0;
        void Add(string kind, double? ms)
        {
            if (ms is { } value)
            {
                byKind[kind].Add(value);
            }
            else
            {
                missed++;
            }
        }

        var search = page.Locator(target.Search);
        for (var i = 0; i < perKind; i++)
        {
            var digit = await DigitNotInFirstRowAsync(page, target.FirstRow);
            await search.FocusAsync();
            Add("keystroke", await PaintTimer.MeasureAsync(page, target.FirstRow, () => page.Keyboard.PressAsync(digit)));
            await Task.Delay(150);
            Add("keystroke", await PaintTimer.MeasureAsync(page, target.FirstRow, () => page.Keyboard.PressAsync("Backspace")));
            await Task.Delay(150);
        }
        for (var i = 0; i < perKind * 2; i++)
        {
            // allotted ↑, allotted ↓, utilized ↑, utilized ↓, … : every click changes the first row.
            var header = target.SortHeaders[i / 2 % target.SortHeaders.Length];
            Add("sort click", await PaintTimer.MeasureAsync(page, target.FirstRow, () => page.Locator(header).ClickAsync()));
            await Task.Delay(150);
        }
        return new Samples(byKind, missed);
    }

    /// <summary>
    /// A digit that the first row does not contain: typed into an empty search, the filtered first row must differ; the
    /// Backspace after it goes back to no filter, whose first row differs again.
    /// </summary>
    internal static async Task<string> DigitNotInFirstRowAsync(IPage page, string firstRow)
    {
        var first = await page.Locator(firstRow).First.TextContentAsync() ?? "";
        return "0123456789".First(c => !first.Contains(c, StringComparison.Ordinal)).ToString();
    }

    private sealed record Target(string Name, string Path, string FirstRow, string Search, string[] SortHeaders);
}
