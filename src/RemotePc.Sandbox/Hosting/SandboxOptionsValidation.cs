namespace RemotePc.Sandbox.Hosting;

/// <summary>Fails at start rather than on the first call when the configuration cannot work.</summary>
internal static class SandboxOptionsValidation
{
    public static void Validate(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw new ArgumentException("Sandbox:ApiKey must not be empty.", nameof(options));
        }

        if (options.SeedUsers is < 0 or > SandboxOptions.MaxSeedUsers)
        {
            throw new ArgumentException($"Sandbox:SeedUsers must be between 0 and {SandboxOptions.MaxSeedUsers}.", nameof(options));
        }

        if (options.SeedPendingInvitations < 0)
        {
            throw new ArgumentException("Sandbox:SeedPendingInvitations must not be negative.", nameof(options));
        }

        if (options.LinkLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException("Sandbox:LinkLifetime must be positive.", nameof(options));
        }

        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentException("Sandbox:Port must be between 0 and 65535.", nameof(options));
        }

        var rule = options.PasswordRule ?? throw new ArgumentException("Sandbox:PasswordRule is required.", nameof(options));
        if (rule.MinLength < 1 || rule.MaxLength < rule.MinLength)
        {
            throw new ArgumentException("Sandbox:PasswordRule needs 1 <= MinLength <= MaxLength.", nameof(options));
        }
    }
}
