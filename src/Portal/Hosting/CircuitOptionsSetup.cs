using System.ComponentModel.DataAnnotations;

namespace Portal.Hosting;

/// <summary>Limits of interactive (Blazor Server) sessions, set on purpose rather than left at the defaults.</summary>
public sealed class PortalCircuitOptions
{
    public const string Section = "Portal:Circuits";

    public TimeSpan DisconnectedRetention { get; set; } = TimeSpan.FromMinutes(3);

    [Range(10, 10_000, ErrorMessage = "Portal:Circuits:MaxDisconnectedRetained must be between 10 and 10000.")]
    public int MaxDisconnectedRetained { get; set; } = 200;

    public TimeSpan JsInteropTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [Range(2, 100, ErrorMessage = "Portal:Circuits:MaxUnacknowledgedRenderBatches must be between 2 and 100.")]
    public int MaxUnacknowledgedRenderBatches { get; set; } = 10;

    /// <summary>Largest message a browser may send over the circuit (file uploads stream in chunks below this).</summary>
    [Range(16 * 1024, 4 * 1024 * 1024, ErrorMessage = "Portal:Circuits:MaxReceiveMessageBytes must be between 16 KiB and 4 MiB.")]
    public int MaxReceiveMessageBytes { get; set; } = 64 * 1024;

    /// <summary>Open tabs per staff account; one more is refused so a script cannot exhaust server memory.</summary>
    [Range(1, 1000, ErrorMessage = "Portal:Circuits:MaxPerAccount must be between 1 and 1000.")]
    public int MaxPerAccount { get; set; } = 20;
}
