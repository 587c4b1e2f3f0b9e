namespace RemotePc.Sandbox;

/// <summary>The emulated API calls. <see cref="All"/> is the wildcard <c>*</c> for faults and the sum for counters.</summary>
public enum SandboxEndpoint
{
    All,
    Add,
    Invite,
    Signin,
    List,
}
