using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Features.Audit;
using Portal.Features.Connection;
using Portal.Features.Invitations;
using Portal.Features.Settings;
using Portal.Tests.Infrastructure;
using RemotePc;
using RemotePc.Sandbox;

namespace Portal.Tests.Features.Invitations;

/// <summary>Jobs against the real embedded sandbox: faults, pauses, restarts and two instances on one database.</summary>
public sealed class InvitationJobTests : IDisposable
{
    private static readonly AuditActor Actor = new("operator@portal.test", AuditActorKind.Staff, "127.0.0.1");
    private readonly List<string> _files = [];

    private static PortalFactory Fast(PortalFactory factory) => factory
        .WithSetting("Portal:Invitations:BatchSize", "5")
        .WithSetting("Portal:Invitations:MaxAttempts", "3")
        .WithSetting("Portal:Invitations:RetryBaseDelay", "00:00:00.020")
        .WithSetting("Portal:Invitations:PollInterval", "00:00:00.100")
        .WithSetting("Portal:Invitations:LeaseDuration", "00:00:03")
        .WithSetting("RemotePc:AttemptTimeout", "00:00:01");

    private static List<InvitationRequest> Addresses(int count, string tag = "") =>
        [.. Enumerable.Range(1, count).Select(i => new InvitationRequest($"invitee{i}-{tag}{Guid.NewGuid():N}@invite-test.example".ToLowerInvariant(), i % 3))];

    private static SandboxControl Sandbox(PortalFactory factory) => factory.Services.GetRequiredService<EmbeddedSandbox>().Host.Control;

    private static InvitationJobService Jobs(PortalFactory factory) => factory.Services.GetRequiredService<InvitationJobService>();

    private static async Task<InvitationJob> WaitForAsync(PortalFactory factory, Guid id, Func<InvitationJob, bool> condition, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var job = await Jobs(factory).GetAsync(id);
            if (job is not null && condition(job))
            {
                return job;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {id} did not reach the condition: {job?.Status} {job?.Done}/{job?.Total} {job?.PauseReason}");
            }
            await Task.Delay(50);
        }
    }

    private static async Task<List<InvitationItem>> ItemsAsync(PortalFactory factory, Guid id)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Set<InvitationItem>().Where(i => i.JobId == id).OrderBy(i => i.Id).ToListAsync();
    }

    private string TempFile(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{name}-{Guid.NewGuid():N}.db");
        _files.Add(path);
        return path;
    }

    [Fact]
    public async Task A_job_is_written_before_sending_and_every_address_ends_invited()
    {
        using var factory = Fast(new PortalFactory());
        var sandbox = Sandbox(factory);
        var before = sandbox.ReceivedCount(SandboxEndpoint.Invite);
        var rows = Addresses(12);

        var id = await Jobs(factory).StartAsync(rows, Actor);
        var job = await WaitForAsync(factory, id, j => j.Status == InvitationJobStatus.Completed);

        Assert.Equal((12, 12, 0), (job.Total, job.Invited, job.Failed));
        Assert.Equal(3, sandbox.ReceivedCount(SandboxEndpoint.Invite) - before);
        var pending = sandbox.PendingInvitations().Select(p => p.Email.ToLowerInvariant()).ToHashSet();
        Assert.All(rows, r => Assert.Contains(r.Email, pending));
        Assert.All(await ItemsAsync(factory, id), i => Assert.Equal(1, i.Attempts));
    }

    [Fact]
    public async Task The_results_export_has_headings_in_the_staff_members_language_over_codes_and_plain_numbers()
    {
        using var factory = Fast(new PortalFactory());
        var id = await Jobs(factory).StartAsync(Addresses(2, "export"), Actor);
        await WaitForAsync(factory, id, j => j.Status == InvitationJobStatus.Completed);
        var text = new StringWriter();

        using (new Portal.Tests.Infrastructure.CultureScope("de-DE"))
        {
            await Jobs(factory).ExportCsvAsync(id, text);
        }

        var rows = Portal.Tests.Features.Users.CsvText.Parse(text.ToString());
        Assert.Equal(["E-Mail", "Computer", "Ergebnis", "Grund", "RemotePC-Status", "Versuche", "Letzter Versuch (UTC)", "Möglicherweise durch einen früheren Versuch eingeladen"], rows[0]);
        Assert.All(rows.Skip(1), r => Assert.Equal(("INVITED", "INVITED"), (r[2], r[4])));
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_and_nothing_is_lost()
    {
        using var factory = Fast(new PortalFactory());
        var sandbox = Sandbox(factory);
        sandbox.InjectFault(SandboxEndpoint.Invite, new FaultSpec { FailNextCount = 2, FailNextKind = FaultKind.ServerError });

        var id = await Jobs(factory).StartAsync(Addresses(10), Actor);
        var job = await WaitForAsync(factory, id, j => j.Status == InvitationJobStatus.Completed);

        Assert.Equal((10, 0), (job.Invited, job.Failed));
        Assert.Contains(await ItemsAsync(factory, id), i => i.Attempts > 1);
    }

    [Theory]
    [InlineData(FaultKind.Hang)]
    [InlineData(FaultKind.Drop)]
    public async Task A_hang_or_a_dropped_connection_is_retried_and_the_unknown_outcome_is_kept(FaultKind kind)
    {
        using var factory = Fast(new PortalFactory()).WithSetting("Portal:Invitations:MaxConcurrentBatches", "1");
        Sandbox(factory).InjectFault(SandboxEndpoint.Invite, new FaultSpec { FailNextCount = 1, FailNextKind = kind });

        var id = await Jobs(factory).StartAsync(Addresses(5), Actor);
        var job = await WaitForAsync(factory, id, j => j.Status == InvitationJobStatus.Completed);

        Assert.Equal(5, job.Invited + job.AlreadyInvited);
        var items = await ItemsAsync(factory, id);
        Assert.All(items, i => Assert.Equal(2, i.Attempts));
        Assert.All(items, i => Assert.True(i.EarlierOutcomeUnknown));
        Assert.All(items, i => Assert.False(i.SendInFlight));
    }

    [Fact]
    public async Task Exhausted_retries_fail_the_batch_with_a_reason_and_retry_failed_sends_them_again()
    {
        using var factory = Fast(new PortalFactory());
        var sandbox = Sandbox(factory);
        sandbox.InjectFault(SandboxEndpoint.Invite, new FaultSpec { Always = FaultKind.ServerError });

        var id = await Jobs(factory).StartAsync(Addresses(7), Actor);
        var job = await WaitForAsync(factory, id, j => j.Status == InvitationJobStatus.Completed);

        Assert.Equal(7, job.Failed);
        Assert.All(await ItemsAsync(factory, id), i =>
        {
            Assert.Equal(InvitationItemState.Failed, i.State);
            Assert.Equal(UpstreamProblems.Explain(UpstreamProblem.UpstreamFailing), i.FailureReason);
            Assert.Equal(3, i.Attempts);
        });

        sandbox.ClearFaults();
        Assert.Equal(7, await Jobs(factory).RetryFailedAsync(id));
        job = await WaitForAsync(factory, id, j => j.Status == InvitationJobStatus.Completed && j.Failed == 0);

        Assert.Equal(7, job.Invited);
    }

    [Fact]
    public async Task A_rejected_key_pauses_the_job_and_it_resumes_once_the_key_is_fixed()
    {
        using var factory = Fast(new PortalFactory()).WithSetting("Portal:Invitations:PausedProbeInterval", "01:00:00");
        var sandbox = Sandbox(factory);
        sandbox.SetApiKey("rotated-key-0123456789");

        var id = await Jobs(factory).StartAsync(Addresses(6), Actor);
        var paused = await WaitForAsync(factory, id, j => j.Status == InvitationJobStatus.Paused);

        Assert.Equal(UpstreamProblems.Explain(UpstreamProblem.KeyRejected), paused.PauseReason);
        Assert.Equal(0, paused.Done);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ResellerKeyService>().StoreTrustedAsync("rotated-key-0123456789", "test");
        }
        var job = await WaitForAsync(factory, id, j => j.Status == InvitationJobStatus.Completed);

        Assert.Equal(6, job.Invited);
        Assert.Null(job.PauseReason);
    }

    [Fact]
    public async Task A_forbidden_answer_pauses_and_the_resume_button_sends_the_rest()
    {
        using var factory = Fast(new PortalFactory()).WithSetting("Portal:Invitations:PausedProbeInterval", "01:00:00");
        Sandbox(factory).InjectFault(SandboxEndpoint.Invite, new FaultSpec { FailNextCount = 1, FailNextKind = FaultKind.Forbidden });

        var id = await Jobs(factory).StartAsync(Addresses(4), Actor);
        var paused = await WaitForAsync(factory, id, j => j.Status == InvitationJobStatus.Paused);
        Assert.Equal(UpstreamProblems.Explain(UpstreamProblem.NotWhitelisted), paused.PauseReason);

        Assert.True(await Jobs(factory).ResumeAsync(id));
        var job = await WaitForAsync(factory, id, j => j.Status == InvitationJobStatus.Completed);

        Assert.Equal(4, job.Invited);
    }

    [Fact]
    public async Task Uploading_the_same_addresses_again_invites_nobody_twice()
    {
        using var factory = Fast(new PortalFactory());
        var rows = Addresses(8);

        var first = await Jobs(factory).StartAsync(rows, Actor);
        await WaitForAsync(factory, first, j => j.Status == InvitationJobStatus.Completed);
        var second = await Jobs(factory).StartAsync([.. rows.Select(r => r with { Email = r.Email.ToUpperInvariant() })], Actor);
        var job = await WaitForAsync(factory, second, j => j.Status == InvitationJobStatus.Completed);

        Assert.Equal((0, 8), (job.Invited, job.AlreadyInvited + job.Exists));
        Assert.Equal(8, Sandbox(factory).PendingInvitations().Count(p => rows.Any(r => r.Email == p.Email.ToLowerInvariant())));
    }

    [Fact]
    public async Task Start_writes_the_job_and_all_items_in_one_go_and_refuses_bad_rows()
    {
        using var factory = Fast(new PortalFactory()).WithSetting("Portal:Invitations:PollInterval", "00:10:00");
        await Assert.ThrowsAsync<ArgumentException>(() => Jobs(factory).StartAsync([new InvitationRequest("nope", 1)], Actor));
        await Assert.ThrowsAsync<ArgumentException>(() => Jobs(factory).StartAsync([new InvitationRequest("a@x.com", -1)], Actor));

        var id = await Jobs(factory).StartAsync([new("A@x.com", 1), new("a@X.com ", 2), new("b@x.com", 0)], Actor);

        var items = await ItemsAsync(factory, id);
        Assert.Equal(["a@x.com", "b@x.com"], items.Select(i => i.Email));
        Assert.Equal(2, (await Jobs(factory).GetAsync(id))!.Total);
    }

    [Fact]
    public async Task A_restart_mid_job_resumes_from_the_first_unsent_batch_and_invites_every_address_once()
    {
        using var database = TestDatabase.Shared("restart");
        var sandboxDb = TempFile("sandbox-restart");
        PortalFactory Host() => Fast(PortalFactory.Create(database: database, ephemeralKeys: false))
            .WithSetting("Sandbox:DatabasePath", sandboxDb)
            .WithSetting("Portal:Invitations:BatchSize", "2")
            .WithSetting("Portal:Invitations:MaxConcurrentBatches", "1");
        var rows = Addresses(10);
        Guid id;
        SandboxControl firstSandbox;
        long before;

        using (var first = Host())
        {
            firstSandbox = Sandbox(first);
            firstSandbox.InjectFault(SandboxEndpoint.Invite, new FaultSpec { LatencyMs = 300 });
            before = firstSandbox.ReceivedCount(SandboxEndpoint.Invite);
            id = await Jobs(first).StartAsync(rows, Actor);
            await WaitForAsync(first, id, j => j.Done >= 2);
        }
        // Read after the stop: the counter is in memory and counts whatever was still on the wire.
        var sentByFirst = firstSandbox.ReceivedCount(SandboxEndpoint.Invite) - before;

        using var second = Host();
        var job = await WaitForAsync(second, id, j => j.Status == InvitationJobStatus.Completed);
        // A fresh sandbox counts from zero; the second host may already be sending before the test can look.
        var sentBySecond = Sandbox(second).ReceivedCount(SandboxEndpoint.Invite);

        Assert.Equal((10, 0), (job.Invited + job.AlreadyInvited, job.Failed));
        var items = await ItemsAsync(second, id);
        // An address answered ALREADY_INVITED was only re-sent because the first host stopped with its batch on the wire.
        Assert.All(items.Where(i => i.State == InvitationItemState.AlreadyInvited), i => Assert.True(i.AlreadyInvitedAfterUnknownOutcome));
        // Five batches; at most the one in flight at the stop is sent twice.
        Assert.InRange(sentByFirst + sentBySecond, 5, 6);
        Assert.True(sentBySecond < 5, "the second host started over instead of resuming");
        var pending = Sandbox(second).PendingInvitations().Where(p => rows.Any(r => r.Email == p.Email.ToLowerInvariant())).ToList();
        Assert.Equal(10, pending.Count);
    }

    [Fact]
    public async Task Two_instances_on_one_database_process_a_job_once()
    {
        using var database = TestDatabase.Shared("two");
        // A lease long enough that a busy CI machine cannot let it lapse mid-batch (production uses 30 s).
        PortalFactory Host() => Fast(PortalFactory.Create(database: database, ephemeralKeys: false))
            .WithSetting("Portal:Invitations:BatchSize", "2")
            .WithSetting("Portal:Invitations:LeaseDuration", "00:00:10");
        using var a = Host();
        _ = a.Services;
        using var b = Host();
        Sandbox(a).InjectFault(SandboxEndpoint.Invite, new FaultSpec { LatencyMs = 50 });
        Sandbox(b).InjectFault(SandboxEndpoint.Invite, new FaultSpec { LatencyMs = 50 });
        long beforeA = Sandbox(a).ReceivedCount(SandboxEndpoint.Invite), beforeB = Sandbox(b).ReceivedCount(SandboxEndpoint.Invite);

        var id = await Jobs(b).StartAsync(Addresses(20), Actor);
        var job = await WaitForAsync(a, id, j => j.Status == InvitationJobStatus.Completed);

        // Each instance has its own sandbox: a batch sent by both would be counted twice (and answered INVITED twice).
        var sent = Sandbox(a).ReceivedCount(SandboxEndpoint.Invite) - beforeA + Sandbox(b).ReceivedCount(SandboxEndpoint.Invite) - beforeB;
        Assert.Equal(10, sent);
        Assert.Equal(20, job.Invited);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in _files)
        {
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                try
                {
                    File.Delete(path);
                }
                catch (IOException)
                {
                    // A leftover temp file is harmless.
                }
            }
        }
    }
}
