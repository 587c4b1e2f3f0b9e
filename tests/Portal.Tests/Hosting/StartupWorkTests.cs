using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Hosting;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Hosting;

/// <summary>
/// The portal's first-start work (migrations, key ring, sandbox key) runs while the server starts. Requests that come
/// meanwhile wait for it, and the host is not "started" (what background services and WebApplicationFactory wait for)
/// before it is done.
/// </summary>
public sealed class StartupWorkTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_request_during_the_start_up_work_waits_for_it_and_the_host_starts_only_after_it()
    {
        var work = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var workDone = false;
        await using var app = GatedApp(async () =>
        {
            await work.Task;
            workDone = true;
        });
        var startedEarly = false;
        app.Lifetime.ApplicationStarted.Register(() => startedEarly = !workDone);

        var start = app.StartAsync();
        using var client = app.GetTestClient();
        var request = client.GetStringAsync(new Uri("/", UriKind.Relative));
        await Task.Delay(300);
        Assert.False(request.IsCompleted, "the request was answered before the start-up work was done");
        Assert.False(start.IsCompleted, "the host reported its start before the start-up work was done");

        work.SetResult();
        Assert.Equal("served after the work", await request.WaitAsync(Patience));
        await start.WaitAsync(Patience);
        Assert.False(startedEarly);
    }

    [Fact]
    public async Task The_liveness_check_is_answered_while_the_start_up_work_runs_and_readiness_waits()
    {
        var work = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = GatedApp(() => work.Task, passThrough: "/healthz");
        app.MapGet("/healthz", () => "alive");
        app.MapGet("/healthz/ready", () => "ready");

        var start = app.StartAsync();
        using var client = app.GetTestClient();
        var ready = client.GetStringAsync(new Uri("/healthz/ready", UriKind.Relative));
        Assert.Equal("alive", await client.GetStringAsync(new Uri("/HEALTHZ", UriKind.Relative)).WaitAsync(Patience));
        Assert.False(ready.IsCompleted, "readiness was answered before the start-up work was done");

        work.SetResult();
        Assert.Equal("ready", await ready.WaitAsync(Patience));
        await start.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_failure_in_the_start_up_work_fails_the_start_and_the_requests_that_waited()
    {
        var work = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = GatedApp(() => work.Task);

        var start = app.StartAsync();
        using var client = app.GetTestClient();
        var request = client.GetAsync(new Uri("/", UriKind.Relative));
        work.SetException(new InvalidOperationException("the database could not be migrated"));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => start.WaitAsync(Patience));
        Assert.Equal("the database could not be migrated", failure.Message);
        await Assert.ThrowsAnyAsync<Exception>(() => request.WaitAsync(Patience));
    }

    [Fact]
    public void The_portal_leaves_out_the_key_ring_loader_that_would_wait_for_the_start_up_work()
    {
        // The name the portal looks for is the framework's: AddDataProtection registers a hosted service by that name.
        var plain = new ServiceCollection().AddDataProtection().Services;
        Assert.Contains(plain, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.FullName == DataProtectionSetup.KeyRingLoaderService);

        using var portal = PortalFactory.Create();
        var hosted = portal.Services.GetServices<IHostedService>().Select(s => s.GetType().FullName).ToList();
        Assert.DoesNotContain(DataProtectionSetup.KeyRingLoaderService, hosted);
        Assert.Contains(typeof(StartupWork).FullName, hosted);
    }

    private static WebApplication GatedApp(Func<Task> work, string? passThrough = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddStartupWork();
        var app = builder.Build();
        app.BeginStartupWork(work);
        app.UseStartupGate(passThrough is null ? default : new Microsoft.AspNetCore.Http.PathString(passThrough));
        app.MapGet("/", () => "served after the work");
        return app;
    }
}
