using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Portal.Harness.Infrastructure;

/// <summary>
/// The runtime's AllocationTick events (one per ~100 KB allocated, with the type that crossed the mark), summed by type:
/// where a phase's allocations go, without a heap dump tool. Used by row 4 with --allocations.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private readonly ConcurrentDictionary<string, long> _bytes = new();
    private volatile bool _on;

    public void Start() => _on = true;

    public IReadOnlyList<KeyValuePair<string, long>> Stop(int top)
    {
        _on = false;
        var result = _bytes.OrderByDescending(p => p.Value).Take(top).ToList();
        _bytes.Clear();
        return result;
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_on || e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || e.Payload is null)
        {
            return;
        }
        var type = e.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        _bytes.AddOrUpdate(type, amount, (_, b) => b + amount);
    }
}
