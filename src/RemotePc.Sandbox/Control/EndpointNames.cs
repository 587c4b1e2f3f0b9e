namespace RemotePc.Sandbox.Control;

/// <summary>The control surface names endpoints as the URLs do (<c>add</c>, …) and the wildcard as <c>*</c>.</summary>
internal static class EndpointNames
{
    public static string Of(SandboxEndpoint endpoint) => endpoint switch
    {
        SandboxEndpoint.All => "*",
        _ => endpoint.ToString().ToLowerInvariant(),
    };

    public static bool TryParse(string? text, out SandboxEndpoint endpoint)
    {
        endpoint = SandboxEndpoint.All;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "*" or "all":
                return true;
            case "add":
                endpoint = SandboxEndpoint.Add;
                return true;
            case "invite":
                endpoint = SandboxEndpoint.Invite;
                return true;
            case "signin":
                endpoint = SandboxEndpoint.Signin;
                return true;
            case "list":
                endpoint = SandboxEndpoint.List;
                return true;
            default:
                return false;
        }
    }
}
