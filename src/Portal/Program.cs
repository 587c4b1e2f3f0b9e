using Portal.Components;
using Portal.Data;
using Portal.Features.Account;
using Portal.Features.ApiUsers;
using Portal.Features.Audit;
using Portal.Features.Connection;
using Portal.Features.Invitations;
using Portal.Features.Setup;
using Portal.Features.Staff;
using Portal.Features.Users;
using Portal.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddPortalHosting();
builder.AddPortalDatabase();
builder.AddPortalDataProtection();
builder.AddStaffAccounts();
builder.AddAuditTrail();
builder.AddRemotePcConnection();
builder.AddResellerUsers();
builder.AddInvitations();
builder.AddApiUsers();
builder.AddPortalUi();
builder.RemoveKeyRingLoaderService();

var app = builder.Build();

// The database migrates, then the first Admin and the key ring go in side by side, while the pipeline is built and the
// server starts (Hosting/StartupWork.cs). The embedded sandbox starts later (Features/Connection/EmbeddedSandbox.cs).
app.BeginStartupWork(async () =>
{
    await app.MigratePortalDatabaseAsync();
    await Task.WhenAll(app.InitializeStaffAsync(), app.PrepareDataProtectionKeysAsync());
});

app.UsePortalPipeline();
app.MapPortalHealth();
app.MapCultureEndpoint();
app.MapAccountEndpoints();
app.MapUserExport();
app.MapAuditExport();
app.MapInvitationEndpoints();
app.MapApiUsersApi();
app.MapUsersApi();
app.MapInvitationsApi();
app.MapPortalUi();

await app.RunAsync();

public partial class Program;
