using System.Globalization;
using System.Text;
using RemotePc;

namespace Portal.Benchmarks;

/// <summary>Deterministic user lists shaped like the sandbox's, in memory and as RemotePC's wire JSON.</summary>
internal static class DemoUsers
{
    public static IReadOnlyList<ResellerUser> Create(int count)
    {
        var random = new Random(42);
        var users = new ResellerUser[count];
        for (var i = 0; i < count; i++)
        {
            var allotted = random.Next(0, 50);
            users[i] = new ResellerUser($"user{i:D6}.{random.Next(1000):D3}@example-{i % 97}.com", allotted,
                random.Next(0, allotted + 3), random.Next(10) > 0, new DateOnly(2023, 1, 1).AddDays(random.Next(0, 1000)));
        }
        return users;
    }

    public static byte[] WireJson(int count)
    {
        var json = new StringBuilder("{\"status\":\"OK\",\"code\":200,\"message\":{\"resellerUsersList\":[");
        var first = true;
        foreach (var u in Create(count))
        {
            json.Append(first ? "" : ",").Append(CultureInfo.InvariantCulture,
                $"{{\"alloted_computers\":{u.AllottedComputers},\"created_date\":\"{u.Created:MM-dd-yyyy}\",\"isActive\":{(u.IsActive ? "true" : "false")},\"utilized_computers\":{u.UtilizedComputers},\"username\":\"{u.Username}\"}}");
            first = false;
        }
        return Encoding.UTF8.GetBytes(json.Append("]}}").ToString());
    }
}
