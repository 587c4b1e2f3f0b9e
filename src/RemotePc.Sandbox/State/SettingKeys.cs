namespace RemotePc.Sandbox.State;

internal static class SettingKeys
{
    public const string ApiKey = "api_key";
    public const string ParentSuspended = "parent_suspended";

    /// <summary>Set once the first start has seeded, so emptying the store later does not re-seed on restart.</summary>
    public const string Seeded = "seeded";
}
