using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Portal.Common;
using Portal.Features.ApiUsers;
using Portal.Features.Audit;
using RemotePc;

namespace Portal.Features.Invitations;

public sealed record ApiInvitationRequest(int? DefaultComputers, IReadOnlyList<ApiInvitationRow>? Invitations);

public sealed record ApiInvitationRow(string? Email, int? Computers);

public sealed record ApiInvitationStarted(Guid Id, int Total);

public sealed record ApiInvitationItem(string Email, int Computers, string State, string? RawStatus, string? FailureReason, int Attempts, bool AlreadyInvitedAfterUnknownOutcome);

public sealed record ApiInvitationJob(
    Guid Id, string Status, string? PauseReason, DateTime CreatedUtc, DateTime? FinishedUtc, string CreatedBy,
    int Total, int Done, int Invited, int Exists, int AlreadyInvited, int Failed, int ItemsTotal, IReadOnlyList<ApiInvitationItem> Items);

/// <summary>The integration API for bulk invitations, over the same InvitationJobService the Invitations page uses.</summary>
public static class InvitationsApi
{
    public static WebApplication MapInvitationsApi(this WebApplication app)
    {
        var basePath = app.Services.GetRequiredService<IOptions<ApiUsersOptions>>().Value.BasePath;
        var group = app.MapGroup($"{basePath}/reseller/invitations")
            .RequireAuthorization(ApiPolicies.ApiUser)
            .RequireRateLimiting(ApiPolicies.IntegrationRateLimit)
            .WithTags("Integration: invitations");
        group.MapPost("/", StartAsync).WithSummary("Start an invitation job; it is stored first and sent in the background");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("Progress and per-address results of an invitation job")
            .WithDescription("Optional: state (pending|invited|exists|alreadyinvited|failed), page (from 1), size (1-1000).");
        return app;
    }

    private static async Task<Results<Accepted<ApiInvitationStarted>, ValidationProblem>> StartAsync(
        HttpContext http, ApiInvitationRequest body, InvitationJobService jobs, IOptions<InvitationOptions> options)
    {
        var limits = options.Value;
        var errors = new Dictionary<string, string[]>();
        var defaultComputers = body.DefaultComputers ?? limits.DefaultComputers;
        if (defaultComputers < 0 || defaultComputers > limits.MaxComputers)
        {
            errors["defaultComputers"] = [$"Must be a whole number from 0 to {limits.MaxComputers}."];
        }
        if (body.Invitations is not { Count: > 0 } rows)
        {
            errors["invitations"] = ["Give at least one invitation: [{\"email\": \"...\", \"computers\": 1}]."];
            return TypedResults.ValidationProblem(errors);
        }
        if (rows.Count > limits.MaxRows)
        {
            errors["invitations"] = [$"At most {limits.MaxRows} invitations per job."];
            return TypedResults.ValidationProblem(errors);
        }
        var requests = new List<InvitationRequest>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var email = rows[i]?.Email?.Trim() ?? "";
            var computers = rows[i]?.Computers ?? defaultComputers;
            if (!EmailAddressRule.IsValid(email))
            {
                errors[$"invitations[{i}].email"] = [string.IsNullOrEmpty(email) ? "The email address is missing." : "Not a valid email address."];
            }
            if (computers < 0 || computers > limits.MaxComputers)
            {
                errors[$"invitations[{i}].computers"] = [$"Must be a whole number from 0 to {limits.MaxComputers}."];
            }
            requests.Add(new InvitationRequest(email, computers));
            if (errors.Count >= 50)
            {
                break;
            }
        }
        if (errors.Count > 0)
        {
            // Nothing is written when any row is bad: the caller fixes the request and sends it again.
            return TypedResults.ValidationProblem(errors, title: "Some invitations are not valid; nothing was started");
        }
        var id = await jobs.StartAsync(requests, ClientAddress.ApiActor(http));
        var job = await jobs.GetAsync(id);
        return TypedResults.Accepted($"{http.Request.PathBase}{http.Request.Path.Value?.TrimEnd('/')}/{id}", new ApiInvitationStarted(id, job?.Total ?? requests.Count));
    }

    private static async Task<Results<Ok<ApiInvitationJob>, NotFound, ValidationProblem>> GetAsync(
        HttpContext http, Guid id, string? state, string? page, string? size, InvitationJobService jobs, AuditWriter audit)
    {
        var errors = new Dictionary<string, string[]>();
        InvitationItemState? filter = null;
        if (state is not null)
        {
            if (Enum.TryParse<InvitationItemState>(state, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(state, out _))
            {
                filter = s;
            }
            else
            {
                errors["state"] = ["Must be one of: pending, invited, exists, alreadyinvited, failed."];
            }
        }
        var pageNumber = ParseInt(page, "page", 1, 1_000_000, 1, errors);
        var pageSize = ParseInt(size, "size", 1, 1000, 100, errors);
        var actor = ClientAddress.ApiActor(http);
        if (errors.Count > 0)
        {
            await audit.WriteAsync(actor, AuditActions.InvitationJobRead, id.ToString(), AuditOutcome.Failure, "bad query: " + string.Join(", ", errors.Keys));
            return TypedResults.ValidationProblem(errors);
        }
        var job = await jobs.GetAsync(id);
        await audit.WriteAsync(actor, AuditActions.InvitationJobRead, id.ToString(), job is null ? AuditOutcome.Failure : AuditOutcome.Success, job is null ? "not found" : null);
        if (job is null)
        {
            return TypedResults.NotFound();
        }
        var items = await jobs.GetItemsAsync(id, filter, (pageNumber - 1) * pageSize, pageSize);
        return TypedResults.Ok(new ApiInvitationJob(job.Id, job.Status.ToString(), job.PauseReason, Utc(job.CreatedUtc), job.FinishedUtc is { } f ? Utc(f) : null, job.CreatedBy,
            job.Total, job.Done, job.Invited, job.Exists, job.AlreadyInvited, job.Failed, items.TotalCount,
            items.Items.Select(i => new ApiInvitationItem(i.Email, i.Computers, i.State.ToString(), i.RawStatus, i.FailureReason, i.Attempts,
                i.AlreadyInvitedAfterUnknownOutcome)).ToArray()));
    }

    // SQLite hands DateTime back without a kind; the API always says UTC explicitly.
    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static int ParseInt(string? value, string name, int min, int max, int fallback, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return fallback;
        }
        if (QueryValues.WholeNumber(value) is { } n && n >= min && n <= max)
        {
            return n;
        }
        errors[name] = [$"'{name}' must be a whole number from {min} to {max}."];
        return fallback;
    }
}
