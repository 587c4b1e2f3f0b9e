using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Features.Settings;
using Portal.Features.Staff;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Security;

/// <summary>
/// Checklist 9 and 10, issue 7's canary proof: every flow runs with recognisable secrets (reseller key, staff password,
/// API tokens, session token, customer password, sign-in link); none may appear in the captured logs (Trace and up),
/// the audit rows, the rendered pages, or the database in clear, as UTF-8 or UTF-16: on SQLite the file's bytes (and its
/// WAL), on PostgreSQL every value of every table (the server's files are not ours to read).
/// </summary>
public sealed class CanaryTests : IDisposable
{
    private readonly TestDatabase _database = TestDatabase.Shared("canary");

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task No_secret_reaches_logs_audit_html_or_the_database_file()
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        var secrets = new Dictionary<string, string>
        {
            ["reseller key"] = $"CANARYresellerKEY{tag}",
            ["staff password"] = $"CanaryStaffPw{tag}",
            ["customer password"] = $"CanaryCust9{tag}",
        };
        var html = new StringBuilder();
        var api = new StringBuilder();

        using (var factory = SecurityFactory.Create(new SecurityFactoryOptions
        {
            Database = _database,
            CaptureLogs = true,
            EphemeralKeys = false, // the real key ring, in the same database
        }))
        {
            _ = factory.Server;

            // Reseller key: the sandbox is changed to the canary, then it is set (tested and stored) and tested again.
            factory.Sandbox.SetApiKey(secrets["reseller key"]);
            var adminActor = new AuditActor(SecurityFactory.AdminEmail, AuditActorKind.Staff, "127.0.0.1");
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var keys = scope.ServiceProvider.GetRequiredService<ResellerKeyService>();
                var (stored, test) = await keys.SetKeyAsync(" " + secrets["reseller key"] + " ", storeEvenIfTestFails: true, adminActor);
                Assert.True(stored);
                Assert.True(test.Ok, $"The canary key does not work against the sandbox: {test.Problem}");
                Assert.True((await keys.TestStoredKeyAsync(adminActor)).Ok);
            }

            // Staff: an Admin with a canary password signs in through the real form, and a failed attempt too.
            var staffEmail = await factory.CreateStaffAsync(StaffRoles.Admin, password: secrets["staff password"]);
            using (var wrong = factory.CreateBrowserLikeClient())
            {
                using var refused = await Infrastructure.FormPosting.PostFormAsync(wrong, "/account/login", "login",
                    Infrastructure.LoginForm.Fields(staffEmail, secrets["staff password"] + "x"));
            }
            using var staff = await factory.CreateSignedInClientAsync(staffEmail, secrets["staff password"]);

            // API users: an admin one made through the service, another through the admin API; GET reads its token back.
            var admin = await factory.CreateApiUserAsync(isAdmin: true, prefix: "canary_admin");
            secrets["admin API token"] = admin.Token;
            using var client = factory.CreateClient();
            using (var create = new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = JsonContent.Create(new { apikey_prefix = "canary", ip = "127.0.0.1", endtime = "2099-01-01", isAdmin = false }) })
            {
                admin.ApplyAdmin(create);
                using var created = await client.SendAsync(create);
                var text = await created.Content.ReadAsStringAsync();
                Assert.True(created.StatusCode == HttpStatusCode.OK, text);
                var json = JsonDocument.Parse(text).RootElement;
                secrets["API token"] = json.GetProperty("token").GetString()!;
                var user = new ApiCredential(json.GetProperty("apikey").GetString()!, secrets["API token"]);
                using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/users/{user.ApiKey}");
                admin.ApplyAdmin(read);
                using var readResponse = await client.SendAsync(read);
                Assert.Equal(HttpStatusCode.OK, readResponse.StatusCode);

                // Session token from /cli-credential; a wrong token is tried as well (its failure is logged somewhere, perhaps).
                secrets["session token"] = await factory.IssueSessionTokenAsync(user);
                using (var bad = new HttpRequestMessage(HttpMethod.Post, "/api/cli-credential"))
                {
                    new ApiCredential(user.ApiKey, (secrets["API token"][0] == '0' ? "1" : "0") + secrets["API token"][1..]).ApplyIntegration(bad);
                    using var refused = await client.SendAsync(bad);
                    Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
                }
            }

            async Task<JsonElement> BearerAsync(HttpMethod method, string path, object? body, HttpStatusCode expected)
            {
                using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
                request.ApplyBearer(secrets["session token"]);
                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                api.AppendLine(text);
                Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {text}");
                return text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default;
            }

            // A customer with a canary password, added and signed in as (wrong password first), through the integration API.
            var customer = $"canary-{tag}@customer.example";
            await BearerAsync(HttpMethod.Post, "/api/reseller/users",
                new { firstName = "Can", lastName = "Ary", email = customer, password = secrets["customer password"], allottedComputers = 1, sendEmailToUser = false }, HttpStatusCode.Created);
            await BearerAsync(HttpMethod.Post, $"/api/reseller/users/{customer}/signin", new { password = secrets["customer password"] + "x", reason = "canary wrong" }, (HttpStatusCode)422);
            var link = await BearerAsync(HttpMethod.Post, $"/api/reseller/users/{customer}/signin", new { password = secrets["customer password"], reason = "canary check" }, HttpStatusCode.OK);
            secrets["sign-in link"] = link.GetProperty("rpcRedirectLink").GetString()!;
            var linkUri = new Uri(secrets["sign-in link"]);
            foreach (var part in linkUri.Query.TrimStart('?').Split('&').Select(p => p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..]).Concat(linkUri.Segments))
            {
                if (Uri.UnescapeDataString(part).Trim('/') is { Length: >= 16 } secretPart)
                {
                    secrets[$"sign-in link part {secretPart[..4]}"] = secretPart;
                }
            }
            await BearerAsync(HttpMethod.Get, "/api/reseller/users?size=100", null, HttpStatusCode.OK);

            // The pages staff see after all that.
            foreach (var path in new[] { "/", "/users", "/settings", "/api-users", "/audit", "/audit/export.csv", "/users/export.csv" })
            {
                using var page = await staff.GetAsync(path);
                Assert.True(page.StatusCode == HttpStatusCode.OK, $"{path}: {(int)page.StatusCode}");
                html.AppendLine(await page.Content.ReadAsStringAsync());
            }

            // Logs, audit rows and HTML while the host runs.
            var logs = string.Join("\n", factory.Logs);
            Assert.True(factory.Logs.Count > 50, $"Only {factory.Logs.Count} log lines captured: the capture is not working.");
            // Proof the capture sees request-level framework logs (Information/Debug), where headers or URLs would leak.
            Assert.Contains("/api/reseller/users", logs, StringComparison.Ordinal);
            Assert.Contains("Debug ", logs, StringComparison.Ordinal);
            var audit = string.Join("\n", (await factory.AuditAsync()).Select(e => $"{e.Actor}|{e.ActorKind}|{e.ClientAddress}|{e.Action}|{e.Target}|{e.Outcome}|{e.Detail}"));
            Assert.Contains(AuditActions.UserSignInAs, audit, StringComparison.Ordinal);
            var failures = new List<string>();
            foreach (var (name, secret) in secrets)
            {
                Check(failures, "captured logs", logs, name, secret);
                Check(failures, "audit rows", audit, name, secret);
                Check(failures, "rendered pages", html.ToString(), name, secret);
            }
            // The key as the portal shows it: only a fingerprint.
            Assert.DoesNotContain(secrets["reseller key"][..12], html.ToString(), StringComparison.Ordinal);
            Assert.True(failures.Count == 0, string.Join("\n", failures));

            AssertNotInBytes(ReadDatabase(), secrets, "database (host running)");
        }

        SqliteConnection.ClearAllPools();
        AssertNotInBytes(ReadDatabase(), secrets, "database (host stopped)");
    }

    private static void Check(List<string> failures, string where, string haystack, string name, string secret)
    {
        var index = haystack.IndexOf(secret, StringComparison.Ordinal);
        if (index >= 0)
        {
            var start = Math.Max(0, index - 150);
            failures.Add($"The {name} appears in the {where}: ...{haystack[start..Math.Min(haystack.Length, index + secret.Length + 50)]}...");
        }
    }

    private byte[] ReadDatabase()
    {
        if (_database.SqliteFile is not { } dbPath)
        {
            return Encoding.UTF8.GetBytes(string.Join("\n", _database.AllValues()));
        }
        using var all = new MemoryStream();
        foreach (var file in new[] { dbPath, dbPath + "-wal", dbPath + "-journal" }.Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.CopyTo(all);
        }
        Assert.True(all.Length > 0, "No database file found.");
        return all.ToArray();
    }

    private static void AssertNotInBytes(byte[] bytes, Dictionary<string, string> secrets, string where)
    {
        var failures = new List<string>();
        foreach (var (name, secret) in secrets)
        {
            if (bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0)
            {
                failures.Add($"The {name} is in the {where} as UTF-8.");
            }
            if (bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)) >= 0)
            {
                failures.Add($"The {name} is in the {where} as UTF-16.");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
