using RemotePc.Sandbox.Model;
using RemotePc.Sandbox.Security;

namespace RemotePc.Sandbox.Seeding;

/// <summary>
/// Realistic, reproducible demo data: varied names and domains, mostly small allocations with a few big ones,
/// some over-allocated accounts (utilized &gt; allotted, which RemotePC reports in practice), ~10% inactive,
/// creation dates over the last three years.
/// </summary>
internal sealed class DemoDataGenerator
{
    /// <summary>Every seeded user can sign in with this password.</summary>
    public const string SeededPassword = "Demo-pass1";

    private static readonly int[] BigAllocations = [100, 250, 425, 500];

    private readonly Random _random;
    private readonly DateOnly _today;
    private readonly Func<string, bool> _isTaken;

    public DemoDataGenerator(Random random, DateOnly today, Func<string, bool> isTaken)
    {
        _random = random;
        _today = today;
        _isTaken = isTaken;
    }

    public List<UserRecord> Users(int count)
    {
        // One hash shared by the batch would be faster still, but per-user salts keep the store honest.
        var users = new List<UserRecord>(count);
        var generated = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < count; i++)
        {
            var username = UniqueAddress(generated);
            var allotted = NextAllocation();
            var utilized = NextUtilization(allotted);
            var created = _today.AddDays(-_random.Next(0, 3 * 365));
            var active = _random.NextDouble() >= 0.1;
            users.Add(new UserRecord(username, PasswordHasher.Hash(SeededPassword), allotted, utilized, active, created, false));
        }

        // Oldest first, as an account that grew over time lists its users.
        users.Sort((left, right) => left.CreatedDate.CompareTo(right.CreatedDate));
        return users;
    }

    public List<PendingInvitation> Invitations(int count)
    {
        var invitations = new List<PendingInvitation>(count);
        var generated = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < count; i++)
        {
            var email = UniqueAddress(generated);
            invitations.Add(new PendingInvitation(email, _random.Next(0, 6), _today.AddDays(-_random.Next(0, 60))));
        }

        return invitations;
    }

    private string UniqueAddress(HashSet<string> generated)
    {
        var first = Pick(DemoNames.FirstNames);
        var last = Pick(DemoNames.LastNames);
        var domain = Pick(DemoNames.Domains);
        var style = _random.Next(3);
        var local = style switch
        {
            0 => $"{first}.{last}",
            1 => $"{first[0]}{last}",
            _ => $"{first}_{last}",
        };

        var candidate = $"{local}@{domain}";
        for (var suffix = 2; generated.Contains(candidate) || _isTaken(candidate); suffix++)
        {
            candidate = $"{local}{suffix}@{domain}";
        }

        generated.Add(candidate);
        return candidate;
    }

    private int NextAllocation()
    {
        var roll = _random.NextDouble();
        return roll switch
        {
            < 0.02 => BigAllocations[_random.Next(BigAllocations.Length)],
            < 0.15 => 0,
            < 0.70 => _random.Next(1, 6),
            _ => _random.Next(6, 51),
        };
    }

    private int NextUtilization(int allotted)
    {
        if (_random.NextDouble() < 0.05)
        {
            return allotted + _random.Next(1, 4);
        }

        return _random.Next(0, allotted + 1);
    }

    private string Pick(string[] values) => values[_random.Next(values.Length)];
}
