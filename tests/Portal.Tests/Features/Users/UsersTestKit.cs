using System.Collections.Concurrent;
using Bunit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Data;
using Portal.Features.Audit;
using Portal.Features.Users;
using Portal.Tests.Infrastructure;
using RemotePc;

namespace Portal.Tests.Features.Users;

/// <summary>
/// A stand-in for the RemotePC client, for component tests only (the integration and E2E tests use the real client
/// against the embedded sandbox). Each operation can be scripted; every call is counted.
/// </summary>
internal sealed class FakeRemotePcClient : IRemotePcClient
{
    private int _addCalls;
    private int _signInCalls;
    private int _listCalls;

    public ConcurrentQueue<NewResellerUser> Added { get; } = new();

    public Func<NewResellerUser, Task> OnAdd { get; set; } = _ => Task.CompletedTask;

    public Func<string, string, Task<Uri>> OnSignIn { get; set; } = (_, _) => Task.FromResult(new Uri("http://sandbox.test/autologin/token"));

    public Func<Task<UserListResult>> OnList { get; set; } = () => Task.FromResult(new UserListResult([], 0));

    public int AddCalls => _addCalls;

    public int SignInCalls => _signInCalls;

    public int ListCalls => _listCalls;

    public Task AddUserAsync(NewResellerUser user, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _addCalls);
        Added.Enqueue(user);
        return OnAdd(user);
    }

    public Task<IReadOnlyList<InvitationResult>> InviteAsync(IReadOnlyList<InvitationRequest> invitations, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<Uri> SignInAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _signInCalls);
        return OnSignIn(username, password);
    }

    public Task<UserListResult> ListUsersAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _listCalls);
        return OnList();
    }
}

/// <summary>
/// A bUnit context for MudBlazor components that need the popover provider. MudBlazor's services are only
/// async-disposable, so xUnit disposes this context asynchronously (IAsyncLifetime).
/// </summary>
public abstract class MudTestContext : PortalTestContext, IAsyncLifetime
{
    private bool _popovers;

    protected void EnsurePopoverProvider()
    {
        if (!_popovers)
        {
            Render<MudPopoverProvider>();
            _popovers = true;
        }
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

/// <summary>
/// bUnit context for the users feature: the real services (AddUserService, SignInAsService, the shared cache, the audit
/// writer over a private in-memory SQLite database, PolicyGuard over bUnit's authorization) around a <see cref="FakeRemotePcClient"/>.
/// </summary>
public abstract class UsersTestContext : MudTestContext
{
    private readonly SqliteConnection _db = new("Data Source=:memory:");

    internal FakeRemotePcClient Client { get; } = new();

    internal DbContextOptions<SqlitePortalDbContext> DbOptions { get; }

    protected UsersTestContext()
    {
        _db.Open();
        DbOptions = new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite(_db).Options;
        using (var db = new SqlitePortalDbContext(DbOptions))
        {
            db.Database.EnsureCreated();
        }
        Services.AddLogging();
        Services.AddSingleton<IRemotePcClient>(Client);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<IDbContextFactory<PortalDbContext>>(new OneConnectionFactory(DbOptions));
        Services.AddSingleton<AuditWriter>();
        Services.AddSingleton<IHostApplicationLifetime, Microsoft.Extensions.Hosting.Internal.ApplicationLifetime>();
        Services.AddSingleton<ResellerUserCache>();
        Services.AddScoped<AddUserService>();
        Services.AddScoped<SignInAsService>();
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new SignInAsOptions()));
        Services.AddSingleton<SignInAsLimiter>();
        Services.AddHttpContextAccessor();
        Services.AddScoped<CircuitClientAddress>();
        Services.AddScoped<AuditActorAccessor>();
        Services.AddScoped<PolicyGuard>();
        Services.AddOptions<PasswordRuleOptions>();
        Services.AddOptions<UserListOptions>();
    }

    internal List<AuditEntry> AuditRows()
    {
        using var db = new SqlitePortalDbContext(DbOptions);
        return [.. db.AuditEntries.AsNoTracking().OrderBy(e => e.Id)];
    }

    /// <summary>Renders the dialog provider (and the popover provider MudBlazor inputs need), then opens <typeparamref name="TDialog"/>.</summary>
    internal async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> OpenDialogAsync<TDialog>(DialogParameters? parameters = null)
        where TDialog : Microsoft.AspNetCore.Components.IComponent
    {
        EnsurePopoverProvider();
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        IDialogReference? reference = null;
        await provider.InvokeAsync(async () => reference = await dialogs.ShowAsync<TDialog>("dialog", parameters ?? new DialogParameters()));
        return (provider, reference!);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _db.Dispose();
        }
    }

    private sealed class OneConnectionFactory(DbContextOptions<SqlitePortalDbContext> options) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => new SqlitePortalDbContext(options);
    }
}
