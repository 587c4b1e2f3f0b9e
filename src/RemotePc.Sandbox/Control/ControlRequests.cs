namespace RemotePc.Sandbox.Control;

internal sealed record EmailRequest(string? Email);

internal sealed record UtilizationRequest(string? Email, int Utilized, int? Allotted);

internal sealed record ActiveRequest(string? Email, bool Active);

internal sealed record SuspendedRequest(bool Suspended);

internal sealed record IpRequest(string? Ip);

internal sealed record ApiKeyRequest(string? ApiKey);

internal sealed record SeedRequest(int Count, bool Reset);

/// <summary>A <see cref="FaultSpec"/> plus the endpoint it applies to: <c>add</c>, <c>invite</c>, <c>signin</c>, <c>list</c> or <c>*</c>.</summary>
internal sealed record FaultRequest(
    string? Endpoint,
    int LatencyMs,
    double ServerErrorRate,
    int FailNextCount,
    FaultKind? FailNextKind,
    FaultKind? Always);
