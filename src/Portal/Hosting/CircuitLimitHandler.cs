using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;

namespace Portal.Hosting;

/// <summary>Counts open circuits per staff account (process-wide) and refuses one above the cap.</summary>
internal sealed class CircuitCounter
{
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.OrdinalIgnoreCase);

    public bool TryOpen(string account, int max)
    {
        while (true)
        {
            var current = _open.GetOrAdd(account, 0);
            if (current >= max)
            {
                return false;
            }
            if (_open.TryUpdate(account, current + 1, current))
            {
                return true;
            }
        }
    }

    public void Close(string account) => _open.AddOrUpdate(account, 0, (_, n) => Math.Max(0, n - 1));

    public int Count(string account) => _open.GetValueOrDefault(account);
}

internal sealed class CircuitLimitHandler(
    CircuitCounter counter, AuthenticationStateProvider auth, IOptions<PortalCircuitOptions> options, ILogger<CircuitLimitHandler> logger) : CircuitHandler
{
    private string? _account;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var state = await auth.GetAuthenticationStateAsync();
        var name = state.User.Identity?.IsAuthenticated == true ? state.User.Identity.Name : null;
        if (name is null)
        {
            return;
        }
        if (!counter.TryOpen(name, options.Value.MaxPerAccount))
        {
            logger.LogWarning("Refused an interactive session: the account already has {Max} open", options.Value.MaxPerAccount);
            throw new InvalidOperationException("Too many open portal tabs for this account.");
        }
        _account = name;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_account is not null)
        {
            counter.Close(_account);
            _account = null;
        }
        return Task.CompletedTask;
    }
}
