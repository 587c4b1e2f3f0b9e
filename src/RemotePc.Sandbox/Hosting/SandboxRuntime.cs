using Microsoft.Extensions.Logging;
using RemotePc.Sandbox.Faults;
using RemotePc.Sandbox.Links;
using RemotePc.Sandbox.Security;
using RemotePc.Sandbox.State;
using RemotePc.Sandbox.Store;

namespace RemotePc.Sandbox.Hosting;

/// <summary>Everything one sandbox instance needs, as a single DI singleton (no static state: hosts stay independent).</summary>
internal sealed class SandboxRuntime : IDisposable
{
    public SandboxRuntime(SandboxOptions options, TimeProvider time, ILogger logger)
    {
        SandboxOptionsValidation.Validate(options);
        Options = options;
        Time = time;
        Logger = logger;
        Whitelist = new IpWhitelist(options.AllowedIps);
        Links = new AutologinLinks(time, options.LinkLifetime);
        State = new SandboxState(new SqliteSandboxStore(options.DatabasePath), options, time);
    }

    public SandboxOptions Options { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    public IpWhitelist Whitelist { get; }

    public AutologinLinks Links { get; }

    public SandboxState State { get; }

    public FaultRegistry Faults { get; } = new();

    public RequestCounters Counters { get; } = new();

    public void Dispose() => State.Dispose();
}
