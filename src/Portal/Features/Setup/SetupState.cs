using System.Security.Cryptography;
using System.Text;

namespace Portal.Features.Setup;

/// <summary>
/// First-run state: whether any staff account exists, and the one-time code that proves the person
/// running setup can read this instance's log (so a fresh instance on a network cannot be claimed by a stranger).
/// </summary>
public sealed class SetupState
{
    // Crockford-like alphabet without look-alikes (0/O, 1/I/L), easy to read off a log line.
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private volatile bool _complete;

    public SetupState() => Code = CreateCode();

    public string Code { get; }

    public bool IsComplete => _complete;

    /// <summary>Serialises setup so two browsers submitting at once cannot both create an Admin.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public void MarkComplete() => _complete = true;

    public bool Matches(string? candidate)
    {
        var normalized = Encoding.UTF8.GetBytes((candidate ?? "").Trim().ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal));
        return CryptographicOperations.FixedTimeEquals(normalized, Encoding.UTF8.GetBytes(Code));
    }

    private static string CreateCode()
    {
        var chars = RandomNumberGenerator.GetString(Alphabet, 12);
        return $"{chars[..4]}-{chars[4..8]}-{chars[8..]}";
    }
}
