using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Portal.Features.Users;
using Portal.Harness.Infrastructure;

namespace Portal.Harness.Rows;

/// <summary>
/// Row 3 taken apart (argument "3p"): for each keystroke and sort click on the portal and on the baseline, which
/// components the server rendered (Blazor's Renderer log at Debug), how many render batches of how many bytes it sent
/// (RemoteRenderer's log), what reached the browser over the WebSocket and when, and what Chromium spent in script,
/// style and layout (CDP Performance.getMetrics). A diagnosis, not a verdict: nothing is compared with a target.
/// </summary>
internal static class InteractionProfile
{
    private const int Users = 200_000;

    // Every WebSocket message the page receives, with its arrival time and size: the render batches and the JS interop calls.
    private const string WebSocketTap = """
        (() => {
            window.__ws = [];
            const Original = window.WebSocket;
            window.WebSocket = class extends Original {
                constructor(...args) {
                    super(...args);
                    this.addEventListener('message', e => {
                        const size = e.data.byteLength ?? e.data.size ?? e.data.length;
                        window.__ws.push([performance.now(), size]);
                    });
                }
            };
            // What the render batches did to the page, by kind: which attributes were set, how many texts and nodes changed.
            window.__mutations = {};
            new MutationObserver(records => {
                for (const r of records) {
                    const key = r.type === 'attributes' ? 'attribute ' + r.attributeName
                        : r.type === 'characterData' ? 'text'
                        : 'children of ' + r.target.nodeName + ' (+' + r.addedNodes.length + ' −' + r.removedNodes.length + ')';
                    window.__mutations[key] = (window.__mutations[key] ?? 0) + 1;
                }
            }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
        })();
        """;

    private static readonly string[] Metrics = ["ScriptDuration", "RecalcStyleDuration", "LayoutDuration", "TaskDuration"];

    public static async Task RunAsync(int samples)
    {
        var log = new RenderLog();
        await using var portal = new HarnessPortal(Users, new Dictionary<string, string?> { ["Portal:Circuits:MaxPerAccount"] = "1000" },
            s => s.AddLogging(b => b.AddProvider(log).AddFilter<RenderLog>("Microsoft.AspNetCore.Components", LogLevel.Debug)));
        var cache = portal.Services.GetRequiredService<ResellerUserCache>();
        await cache.GetAsync();
        await using var baseline = await BaselineHost.StartAsync(cache,
            b => b.AddProvider(log).AddFilter<RenderLog>("Microsoft.AspNetCore.Components", LogLevel.Debug));
        await using var chromium = await Chromium.LaunchAsync();
        var auth = await chromium.SignInAsync(portal.BaseUrl);

        foreach (var (name, url, firstRow, search, sorts, state) in new[]
        {
            ("portal", portal.BaseUrl, "[data-testid=user-email]", "input[data-testid=user-search]",
                new[] { "[data-testid=sort-allotted]", "[data-testid=sort-utilized]" }, auth),
            ("baseline", baseline.BaseUrl, ".user-email", "#search", new[] { "#sort-allotted", "#sort-utilized" }, null),
        })
        {
            await using var context = await chromium.NewContextAsync(url, state);
            await context.AddInitScriptAsync(WebSocketTap);
            var page = await context.NewPageAsync();
            await page.GotoAsync(name == "portal" ? "/users" : "/baseline/users");
            await page.WaitForSelectorAsync(firstRow);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await Task.Delay(1000);
            await PaintTimer.InstallAsync(page);
            var cdp = await page.Context.NewCDPSessionAsync(page);
            await cdp.SendAsync("Performance.enable");

            var results = new Dictionary<string, List<Sample>> { ["keystroke"] = [], ["sort click"] = [] };
            var metrics = new Dictionary<string, Dictionary<string, double>> { ["keystroke"] = [], ["sort click"] = [] };
            var mutations = new Dictionary<string, Dictionary<string, double>> { ["keystroke"] = [], ["sort click"] = [] };
            async Task MeasureAsync(string kind, Func<Task> input, bool keep)
            {
                var before = await MetricsAsync(cdp);
                log.Clear();
                await page.EvaluateAsync("() => { window.__ws = []; window.__mutations = {}; }");
                var ms = await PaintTimer.MeasureAsync(page, firstRow, input);
                var at = await page.EvaluateAsync<double>("() => window.__paint.input");
                await Task.Delay(400);
                var ws = await page.EvaluateAsync<double[][]>("() => window.__ws");
                foreach (var (key, count) in await page.EvaluateAsync<Dictionary<string, double>>("() => window.__mutations"))
                {
                    mutations[kind][key] = mutations[kind].GetValueOrDefault(key) + (keep ? count : 0);
                }
                var after = await MetricsAsync(cdp);
                if (!keep)
                {
                    return;
                }
                results[kind].Add(new Sample(ms ?? double.NaN, ws.Select(m => (m[0] - at, (int)m[1])).ToArray(), log.Take()));
                foreach (var metric in Metrics)
                {
                    metrics[kind][metric] = metrics[kind].GetValueOrDefault(metric) + (after[metric] - before[metric]) * 1000;
                }
            }

            // A digit and Backspace; two clicks on one header (ascending, then descending).
            async Task KeystrokesAsync(bool keep)
            {
                var digit = await InteractionRow.DigitNotInFirstRowAsync(page, firstRow);
                await page.Locator(search).FocusAsync();
                await MeasureAsync("keystroke", () => page.Keyboard.PressAsync(digit), keep);
                await MeasureAsync("keystroke", () => page.Keyboard.PressAsync("Backspace"), keep);
            }

            async Task SortClicksAsync(int round, bool keep)
            {
                await MeasureAsync("sort click", () => page.Locator(sorts[round % 2]).ClickAsync(), keep);
                await MeasureAsync("sort click", () => page.Locator(sorts[round % 2]).ClickAsync(), keep);
            }

            for (var round = 0; round < samples + 2; round++)
            {
                var keep = round >= 2;
                await KeystrokesAsync(keep);
                await SortClicksAsync(round, keep);
            }

            foreach (var (kind, list) in results)
            {
                Print(name, kind, list, metrics[kind]);
                Console.WriteLine("  changes to the page per input: " + string.Join(", ", mutations[kind].OrderByDescending(m => m.Value)
                    .Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key} {m.Value / Math.Max(1, list.Count):0.#}"))));
            }

            // A Chromium trace of a few more inputs of each kind: where the renderer's main thread spent the time.
            foreach (var kind in new[] { "keystroke", "sort click" })
            {
                var events = new List<JsonElement>();
                var done = new TaskCompletionSource();
                cdp.Event("Tracing.dataCollected").OnEvent += (_, e) =>
                {
                    lock (events)
                    {
                        events.AddRange(e!.Value.GetProperty("value").EnumerateArray().Select(v => v.Clone()));
                    }
                };
                cdp.Event("Tracing.tracingComplete").OnEvent += (_, _) => done.TrySetResult();
                await cdp.SendAsync("Tracing.start", new Dictionary<string, object>
                {
                    ["transferMode"] = "ReportEvents",
                    ["categories"] = "devtools.timeline,disabled-by-default-devtools.timeline,disabled-by-default-devtools.timeline.invalidationTracking",
                });
                for (var round = 0; round < 3; round++)
                {
                    await (kind == "keystroke" ? KeystrokesAsync(keep: false) : SortClicksAsync(round, keep: false));
                }
                await cdp.SendAsync("Tracing.end");
                await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
                PrintTrace(name, kind, events, 6);
            }
            // Chromium's own sampling profiler over six more keystrokes: which script functions the time goes to.
            await cdp.SendAsync("Profiler.enable");
            await cdp.SendAsync("Profiler.setSamplingInterval", new Dictionary<string, object> { ["interval"] = 100 });
            await cdp.SendAsync("Profiler.start");
            for (var round = 0; round < 3; round++)
            {
                await KeystrokesAsync(keep: false);
            }
            var profile = (await cdp.SendAsync("Profiler.stop"))!.Value.GetProperty("profile");
            PrintScriptProfile(name, profile, 6);
        }
    }

    private static void PrintTrace(string app, string kind, List<JsonElement> events, int inputs)
    {
        string F(double v) => v.ToString("N1", CultureInfo.InvariantCulture);
        var main = events.Where(e => e.TryGetProperty("name", out var n) && n.GetString() == "thread_name"
                && e.GetProperty("args").GetProperty("name").GetString() == "CrRendererMain")
            .Select(e => (e.GetProperty("pid").GetInt64(), e.GetProperty("tid").GetInt64())).ToHashSet();
        var onMain = events.Where(e => main.Contains((e.GetProperty("pid").GetInt64(), e.GetProperty("tid").GetInt64()))).ToList();
        Console.WriteLine($"== trace, {app}, {kind}: renderer main thread per input (ms, inclusive)");
        foreach (var group in onMain.Where(e => e.GetProperty("ph").GetString() == "X" && e.TryGetProperty("dur", out _))
                     .GroupBy(e => e.GetProperty("name").GetString()!)
                     .Select(g => (Name: g.Key, Ms: g.Sum(e => e.GetProperty("dur").GetDouble()) / 1000 / inputs, Count: g.Count() / (double)inputs))
                     .Where(g => g.Ms >= 0.3).OrderByDescending(g => g.Ms).Take(25))
        {
            Console.WriteLine($"    {F(group.Ms),7}  {group.Name} (×{F(group.Count)})");
        }
        Console.WriteLine("  script by function:");
        foreach (var group in onMain.Where(e => e.GetProperty("name").GetString() is "FunctionCall" or "EventDispatch" or "TimerFire" or "FireAnimationFrame"
                         && e.GetProperty("ph").GetString() == "X" && e.TryGetProperty("dur", out _))
                     .GroupBy(e =>
                     {
                         var args = e.GetProperty("args");
                         var data = args.TryGetProperty("data", out var d) ? d : default;
                         string Get(string key) => data.ValueKind == JsonValueKind.Object && data.TryGetProperty(key, out var v) ? v.ToString() : "";
                         return $"{e.GetProperty("name").GetString()} {Get("type")} {Get("functionName")} {Get("url").Split('/')[^1]}:{Get("lineNumber")}";
                     })
                     .Select(g => (g.Key, Ms: g.Sum(e => e.GetProperty("dur").GetDouble()) / 1000 / inputs, Count: g.Count() / (double)inputs))
                     .OrderByDescending(g => g.Ms).Take(15))
        {
            Console.WriteLine($"    {F(group.Ms),7}  {group.Key} (×{F(group.Count)})");
        }
        PrintTimeline(onMain, kind);
        var elements = onMain.Where(e => e.GetProperty("name").GetString() == "UpdateLayoutTree" && e.GetProperty("args").TryGetProperty("elementCount", out _))
            .Sum(e => e.GetProperty("args").GetProperty("elementCount").GetDouble());
        Console.WriteLine($"  elements restyled per input: {F(elements / inputs)}");
        Console.WriteLine("  style invalidations (reason, node):");
        foreach (var group in onMain.Where(e => e.GetProperty("name").GetString() is "StyleRecalcInvalidationTracking" or "StyleInvalidatorInvalidationTracking")
                     .GroupBy(e =>
                     {
                         var data = e.GetProperty("args").GetProperty("data");
                         string Get(string key) => data.TryGetProperty(key, out var v) ? v.ToString() : "";
                         return $"{e.GetProperty("name").GetString()![..5]} {Get("reason")} {Get("nodeName")} {Get("extraData")} {Get("changedClass")}{Get("changedAttribute")}{Get("selectors")}";
                     })
                     .OrderByDescending(g => g.Count()).Take(20))
        {
            Console.WriteLine($"    {F(group.Count() / (double)inputs),7}  {(group.Key.Length > 200 ? group.Key[..200] : group.Key)}");
        }
    }

    // The renderer's main thread during the second input of the trace (the first may still be warming up): each task from
    // the input on, with what took time inside it, so a wait for the server can be told from a busy main thread.
    private static void PrintTimeline(List<JsonElement> onMain, string kind)
    {
        string F(double v) => v.ToString("N1", CultureInfo.InvariantCulture);
        var inputType = kind == "keystroke" ? "keydown" : "pointerdown";
        var inputs = onMain.Where(e => e.GetProperty("name").GetString() == "EventDispatch" && e.GetProperty("ph").GetString() == "X"
                && e.GetProperty("args").TryGetProperty("data", out var d) && d.TryGetProperty("type", out var t) && t.GetString() == inputType)
            .Select(e => e.GetProperty("ts").GetDouble()).Order().ToList();
        if (inputs.Count < 2)
        {
            return;
        }
        var start = inputs[1];
        var timed = onMain.Where(e => e.GetProperty("ph").GetString() == "X" && e.TryGetProperty("dur", out _))
            .Select(e => (Name: e.GetProperty("name").GetString()!, Ts: e.GetProperty("ts").GetDouble(), Dur: e.GetProperty("dur").GetDouble(), Args: e.GetProperty("args")))
            .Where(e => e.Ts >= start - 1000 && e.Ts < start + 120_000).OrderBy(e => e.Ts).ToList();
        Console.WriteLine($"  timeline of one {kind} (ms from the input; tasks over 0.3 ms, with their parts over 0.3 ms):");
        foreach (var task in timed.Where(e => e.Name == "RunTask" && e.Dur >= 300))
        {
            var parts = timed.Where(e => e.Name != "RunTask" && e.Ts >= task.Ts && e.Ts + e.Dur <= task.Ts + task.Dur && e.Dur >= 300)
                .Select(e =>
                {
                    var data = e.Args.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
                    string Get(string key) => data.ValueKind == JsonValueKind.Object && data.TryGetProperty(key, out var v) ? v.ToString() : "";
                    return $"{e.Name}{(Get("type") is { Length: > 0 } t ? " " + t : "")}{(Get("functionName") is { Length: > 0 } f ? " " + f : "")} {F(e.Dur / 1000)}";
                });
            Console.WriteLine($"    {F((task.Ts - start) / 1000),6} +{F(task.Dur / 1000),5}  {string.Join(", ", parts.Take(8))}");
        }
    }

    private static void PrintScriptProfile(string app, JsonElement profile, int inputs)
    {
        var nodes = profile.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("id").GetInt32(), n =>
        {
            var frame = n.GetProperty("callFrame");
            var function = frame.GetProperty("functionName").GetString() is { Length: > 0 } f ? f : "(anonymous)";
            return $"{function} {frame.GetProperty("url").GetString()!.Split('/')[^1]}:{frame.GetProperty("lineNumber").GetInt32()}:{frame.GetProperty("columnNumber").GetInt32()}";
        });
        var samples = profile.GetProperty("samples").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var deltas = profile.GetProperty("timeDeltas").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var self = new Dictionary<string, double>();
        for (var i = 0; i + 1 < samples.Length; i++)
        {
            var key = nodes[samples[i]];
            self[key] = self.GetValueOrDefault(key) + deltas[i + 1] / 1000;
        }
        Console.WriteLine($"== script profile, {app}, keystroke: self time per input (ms), idle left out");
        foreach (var (key, ms) in self.Where(p => !p.Key.StartsWith("(idle)", StringComparison.Ordinal) && !p.Key.StartsWith("(program)", StringComparison.Ordinal))
                     .OrderByDescending(p => p.Value).Take(20))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {ms / inputs,7:N2}  {key}"));
        }
    }

    private static async Task<Dictionary<string, double>> MetricsAsync(ICDPSession cdp)
    {
        var result = await cdp.SendAsync("Performance.getMetrics");
        return result!.Value.GetProperty("metrics").EnumerateArray()
            .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetDouble());
    }

    private static void Print(string app, string kind, List<Sample> samples, Dictionary<string, double> metrics)
    {
        string F(double v) => v.ToString("N1", CultureInfo.InvariantCulture);
        var n = samples.Count;
        Console.WriteLine($"== {app}, {kind} ({n} samples)");
        Console.WriteLine($"  input → painted: median {F(Stats.Median(samples.Select(s => s.PaintMs)))} ms");
        Console.WriteLine($"  input → first WebSocket message: median {F(Stats.Median(samples.Select(s => s.Messages.FirstOrDefault(m => m.At > 0).At)))} ms; " +
            $"→ last message before paint: {F(Stats.Median(samples.Select(s => s.Messages.Where(m => m.At <= s.PaintMs).Select(m => m.At).DefaultIfEmpty().Max())))} ms");
        Console.WriteLine($"  messages before paint: {F(samples.Average(s => s.Messages.Count(m => m.At <= s.PaintMs)))} of {F(samples.Average(s => s.Messages.Count(m => m.At > 0)))}, " +
            $"bytes before paint {F(samples.Average(s => s.Messages.Where(m => m.At <= s.PaintMs).Sum(m => m.Bytes)))}, " +
            $"in all {F(samples.Average(s => s.Messages.Where(m => m.At > 0).Sum(m => m.Bytes)))}");
        Console.WriteLine($"  server: render batches {F(samples.Average(s => s.Server.Batches.Count))}, bytes {F(samples.Average(s => s.Server.Batches.Sum()))} " +
            $"(sizes of one sample: {string.Join(", ", samples[^1].Server.Batches)}); event → first batch sent: median {F(Stats.Median(samples.Select(s => s.Server.EventToFirstBatchMs)))} ms");
        foreach (var sample in samples.TakeLast(2))
        {
            Console.WriteLine($"  one input, server: {sample.Server.Timeline}");
            Console.WriteLine($"             browser: {string.Join(", ", sample.Messages.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.At:N1} ms {m.Bytes} B")))}; painted {F(sample.PaintMs)} ms");
        }
        Console.WriteLine($"  browser, per input (CDP): {string.Join(", ", metrics.Select(m => $"{m.Key} {F(m.Value / n)} ms"))}");
        Console.WriteLine($"  components rendered per input ({F(samples.Average(s => s.Server.Rendered.Count))}):");
        Console.WriteLine($"  server render per input (to the next log entry): median {F(Stats.Median(samples.Select(s => s.Server.RenderMs.Sum(r => r.Ms))))} ms");
        foreach (var group in samples.SelectMany(s => s.Server.RenderMs).GroupBy(t => t.Type).OrderByDescending(g => g.Sum(r => r.Ms)))
        {
            Console.WriteLine($"    {F(group.Count() / (double)n),6}  {F(group.Sum(r => r.Ms) / n),6} ms  {group.Key}");
        }
    }

    private sealed record Sample(double PaintMs, (double At, int Bytes)[] Messages, ServerSide Server);

    private sealed record ServerSide(List<string> Rendered, List<int> Batches, double EventToFirstBatchMs, string Timeline, List<(string Type, double Ms)> RenderMs);

    /// <summary>Blazor's own Debug log: "Rendering component … of type …", "Handling event …", "Sending render batch … of size …".</summary>
    private sealed class RenderLog : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<(long At, string Event, string Value)> _entries = new();

        public void Clear() => _entries.Clear();

        public ServerSide Take()
        {
            var entries = _entries.ToArray();
            _entries.Clear();
            var rendered = entries.Where(e => e.Event == "RenderingComponent").Select(e => e.Value).ToList();
            var batches = entries.Where(e => e.Event == "BeginUpdateDisplayAsync").Select(e => int.Parse(e.Value, CultureInfo.InvariantCulture)).ToList();
            var handled = entries.FirstOrDefault(e => e.Event == "HandlingEvent").At;
            var sent = entries.FirstOrDefault(e => e.Event == "BeginUpdateDisplayAsync").At;
            var start = entries.Length == 0 ? 0 : entries[0].At;
            var timeline = string.Join(", ", entries.Where(e => e.Event != "RenderingComponent")
                .Select(e => string.Create(CultureInfo.InvariantCulture, $"{Stopwatch.GetElapsedTime(start, e.At).TotalMilliseconds:N1} {e.Event switch { "HandlingEvent" => "event ", "BeginUpdateDisplayAsync" => "batch ", "BeginInvokeJS" => "js ", _ => e.Event }}{e.Value}")));
            // A component's share of a render: from its "Rendering component" entry to the next entry of the log.
            var renderMs = entries.Zip(entries.Skip(1)).Where(p => p.First.Event == "RenderingComponent")
                .Select(p => (p.First.Value, Stopwatch.GetElapsedTime(p.First.At, p.Second.At).TotalMilliseconds)).ToList();
            return new ServerSide(rendered, batches, handled == 0 || sent == 0 ? double.NaN : Stopwatch.GetElapsedTime(handled, sent).TotalMilliseconds, timeline, renderMs);
        }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IReadOnlyList<KeyValuePair<string, object?>>;
            string? Get(string key) => values?.FirstOrDefault(v => v.Key == key).Value?.ToString();
            var value = eventId.Name switch
            {
                "RenderingComponent" => Get("ComponentType") is { } t ? ShortName(t) : null,
                "BeginUpdateDisplayAsync" => Get("DataLength"),
                "HandlingEvent" => Get("EventType") ?? "",
                "BeginInvokeJS" => Get("FunctionIdentifier") ?? "",
                "LocationChange" or "LocationChangeSucceeded" => "",
                _ => null,
            };
            if (value is not null)
            {
                _entries.Enqueue((Stopwatch.GetTimestamp(), eventId.Name!, value));
            }
        }

        // "MudBlazor.Column`1[RemotePc.ResellerUser]" (Type.ToString()) → "Column<ResellerUser>".
        private static string ShortName(string type)
        {
            var generic = type.IndexOf('[', StringComparison.Ordinal);
            var name = (generic < 0 ? type : type[..generic]).Split('.')[^1].Split('`')[0];
            return generic < 0 ? name : $"{name}<{string.Join(",", type[(generic + 1)..^1].Split(',').Select(ShortName))}>";
        }

        public void Dispose()
        {
        }
    }
}
