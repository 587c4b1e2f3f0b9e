namespace RemotePc.Sandbox.Faults;

/// <summary>Calls received per endpoint, faulted ones included, so tests can prove "sent exactly once".</summary>
internal sealed class RequestCounters
{
    private readonly long[] _counts = new long[Enum.GetValues<SandboxEndpoint>().Length];

    public void Increment(SandboxEndpoint endpoint) => Interlocked.Increment(ref _counts[(int)endpoint]);

    public long Get(SandboxEndpoint endpoint)
    {
        if (endpoint != SandboxEndpoint.All)
        {
            return Interlocked.Read(ref _counts[(int)endpoint]);
        }

        long total = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            total += Interlocked.Read(ref _counts[i]);
        }

        return total;
    }

    public void Reset()
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            Interlocked.Exchange(ref _counts[i], 0);
        }
    }
}
