using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Portal.Harness.Infrastructure;

/// <summary>Open circuits of one host, so a row knows when every page it opened is interactive, and when they are all gone.</summary>
internal sealed class CircuitCounter : CircuitHandler
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _open);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _open);
        return Task.CompletedTask;
    }

    public async Task WaitForAsync(Func<int, bool> condition, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (!condition(Open))
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
