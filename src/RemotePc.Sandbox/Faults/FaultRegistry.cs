namespace RemotePc.Sandbox.Faults;

/// <summary>
/// Active faults per endpoint. An endpoint's own spec replaces the wildcard one rather than adding to it, so a
/// test can make everything slow and still single out one call.
/// </summary>
internal sealed class FaultRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<SandboxEndpoint, Active> _active = [];

    public void Inject(SandboxEndpoint endpoint, FaultSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        lock (_gate)
        {
            _active[endpoint] = new Active(spec, spec.FailNextCount);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _active.Clear();
        }
    }

    public IReadOnlyDictionary<SandboxEndpoint, FaultSpec> Current()
    {
        lock (_gate)
        {
            return _active.ToDictionary(pair => pair.Key, pair => pair.Value.Spec with { FailNextCount = pair.Value.RemainingFailures });
        }
    }

    /// <summary>Decides the fate of one call and consumes a next-N failure if one applies.</summary>
    public FaultDecision Next(SandboxEndpoint endpoint)
    {
        lock (_gate)
        {
            if (!_active.TryGetValue(endpoint, out var active) && !_active.TryGetValue(SandboxEndpoint.All, out active))
            {
                return FaultDecision.None;
            }

            var latency = TimeSpan.FromMilliseconds(active.Spec.LatencyMs);
            if (active.RemainingFailures > 0)
            {
                active.RemainingFailures--;
                return new FaultDecision(latency, active.Spec.FailNextKind);
            }

            if (active.Spec.Always != FaultKind.None)
            {
                return new FaultDecision(latency, active.Spec.Always);
            }

            var kind = active.Spec.ServerErrorRate > 0 && Random.Shared.NextDouble() < active.Spec.ServerErrorRate
                ? FaultKind.ServerError
                : FaultKind.None;
            return new FaultDecision(latency, kind);
        }
    }

    private sealed class Active(FaultSpec spec, int remainingFailures)
    {
        public FaultSpec Spec { get; } = spec;

        public int RemainingFailures { get; set; } = remainingFailures;
    }
}
