using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Portal.Features.ApiUsers;
using Portal.Features.Audit;
using Portal.Features.Connection;

namespace Portal.Features.Users;

public sealed record ApiUserListItem(string Username, int AllottedComputers, int UtilizedComputers, string? Created, bool Active);

public sealed record ApiUserListPage(int Total, int Page, int PageSize, DateTimeOffset UpdatedUtc, string? Problem, IReadOnlyList<ApiUserListItem> Items);

public sealed record ApiNewUser(string? FirstName, string? LastName, string? Email, string? Password, int? AllottedComputers, bool? SendEmailToUser);

public sealed record ApiAddedUser(string Username);

public sealed record ApiSignInRequest(string? Password, string? Reason);

public sealed record ApiSignInLink(string RpcRedirectLink);

/// <summary>The integration API over the same services staff use in the UI; every call audited with the API user as actor.</summary>
public static class UsersApi
{
    public static WebApplication MapUsersApi(this WebApplication app)
    {
        var basePath = app.Services.GetRequiredService<IOptions<ApiUsersOptions>>().Value.BasePath;
        var group = app.MapGroup($"{basePath}/reseller/users")
            .RequireAuthorization(ApiPolicies.ApiUser)
            .RequireRateLimiting(ApiPolicies.IntegrationRateLimit)
            .WithTags("Integration: users");

        group.MapGet("/", ListAsync).WithSummary("List users from the shared cached list, with search, filters, sort and paging")
            .WithDescription("Parameters as on the users page: q, active (all|active|inactive), unused, over, amin, amax, from, to (yyyy-MM-dd), sort (username|allotted|utilized|created|active), desc, page (from 1), size.");
        group.MapPost("/", AddAsync).WithSummary("Add a RemotePC user (sent once; a timeout means the outcome is unknown)");
        group.MapPost("/{username}/signin", SignInAsync).WithSummary("Get a one-time sign-in link for a customer account (reason required)");
        return app;
    }

    private static async Task<Results<Ok<ApiUserListPage>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, ResellerUserCache cache, IOptions<UserListOptions> options, AuditWriter audit)
    {
        if (!UserApiQuery.TryParse(http.Request.Query, options.Value.MaxPageSize, out var query, out var errors))
        {
            await audit.WriteAsync(Actor(http), AuditActions.UserListRead, null, AuditOutcome.Failure, "bad query: " + string.Join(", ", errors.Keys));
            return TypedResults.ValidationProblem(errors, title: "Bad query parameters");
        }
        await audit.WriteAsync(Actor(http), AuditActions.UserListRead, null, AuditOutcome.Success, http.Request.QueryString.Value);
        var status = await cache.GetAsync();
        if (status.Snapshot is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The user list is not available",
                detail: UpstreamProblems.Explain(status.Problem));
        }
        var page = UserQueryEngine.Run(status.Snapshot, query);
        return TypedResults.Ok(new ApiUserListPage(page.TotalCount, query.Page + 1, query.PageSize, status.Snapshot.FetchedUtc,
            status.Problem == UpstreamProblem.None ? null : UpstreamProblems.Explain(status.Problem),
            page.Items.Select(u => new ApiUserListItem(u.Username, u.AllottedComputers, u.UtilizedComputers,
                u.Created?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), u.IsActive)).ToArray()));
    }

    private static async Task<Results<Created<ApiAddedUser>, ValidationProblem, ProblemHttpResult>> AddAsync(
        HttpContext http, ApiNewUser body, AddUserService users, IOptions<PasswordRuleOptions> rule)
    {
        var input = new NewUserInput
        {
            FirstName = body.FirstName ?? "",
            LastName = body.LastName ?? "",
            Email = body.Email ?? "",
            Password = body.Password ?? "",
            AllottedComputers = body.AllottedComputers ?? 0,
            SendEmailToUser = body.SendEmailToUser ?? true,
        };
        var invalid = input.Validate(rule.Value);
        if (invalid.Count > 0)
        {
            return TypedResults.ValidationProblem(invalid.ToDictionary(e => FieldName(e.Key), e => new[] { e.Value == "PasswordRule" ? PasswordRuleText(rule.Value) : e.Value }));
        }
        var outcome = await users.AddAsync(input, Actor(http));
        return outcome.Result switch
        {
            AddUserResult.Added => TypedResults.Created($"users?q={Uri.EscapeDataString(input.Email.Trim())}", new ApiAddedUser(input.Email.Trim())),
            AddUserResult.Rejected when outcome.Descriptions.Contains("EMAIL_EXISTS") => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "EMAIL_EXISTS", detail: "A RemotePC user with this email address already exists."),
            AddUserResult.Rejected => TypedResults.ValidationProblem(outcome.Descriptions.Select(NewUserInput.MapUpstream)
                .GroupBy(e => FieldName(e.Field)).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()), title: string.Join(", ", outcome.Descriptions)),
            AddUserResult.OutcomeUnknown => TypedResults.Problem(statusCode: StatusCodes.Status504GatewayTimeout, title: "Outcome unknown",
                detail: "RemotePC did not answer after the request was sent. Look the address up in GET users before sending again."),
            _ => UpstreamFailure(outcome.Problem),
        };
    }

    private static async Task<Results<Ok<ApiSignInLink>, ValidationProblem, ProblemHttpResult>> SignInAsync(
        HttpContext http, string username, ApiSignInRequest body, SignInAsService signIn)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(body.Password))
        {
            errors["password"] = ["Enter the customer's password."];
        }
        if (string.IsNullOrWhiteSpace(body.Reason))
        {
            errors["reason"] = ["A reason is required; it is recorded in the audit log."];
        }
        else if (body.Reason.Length > SignInAsService.MaxReasonLength)
        {
            errors["reason"] = [$"The reason can be at most {SignInAsService.MaxReasonLength} characters."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var outcome = await signIn.SignInAsync(username, body.Password!, body.Reason!, Actor(http));
        if (outcome.RetryAfter is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many sign-ins",
                detail: "Too many customer sign-ins by this API user in a short while; see Retry-After.");
        }
        if (outcome.Link is { } link)
        {
            // The link is a bearer credential for the customer's account: returned once, never cached.
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(new ApiSignInLink(link.ToString()));
        }
        return outcome.Descriptions.Count > 0
            ? TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: string.Join(", ", outcome.Descriptions),
                detail: string.Join(" ", outcome.Descriptions.Select(d => string.Format(CultureInfo.InvariantCulture, SignInAsService.Explain(d), d))))
            : UpstreamFailure(outcome.Problem);
    }

    private static ProblemHttpResult UpstreamFailure(UpstreamProblem problem) => TypedResults.Problem(
        statusCode: problem is UpstreamProblem.Timeout ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway,
        title: problem.ToString(), detail: UpstreamProblems.Explain(problem));

    private static AuditActor Actor(HttpContext http) => ClientAddress.ApiActor(http);

    private static string FieldName(NewUserField field) => field switch
    {
        NewUserField.FirstName => "firstName",
        NewUserField.LastName => "lastName",
        NewUserField.Email => "email",
        NewUserField.Password => "password",
        NewUserField.AllottedComputers => "allottedComputers",
        _ => "request",
    };

    private static string PasswordRuleText(PasswordRuleOptions rule) =>
        $"The password needs {rule.MinLength} to {rule.MaxLength} characters" + (rule.RequireLetter ? ", a letter" : "") + (rule.RequireDigit ? ", a digit" : "") + ".";
}
