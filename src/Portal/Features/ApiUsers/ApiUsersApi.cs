using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Features.Audit;

namespace Portal.Features.ApiUsers;

/// <summary>The JSON object of the spec's example, in its order; a missing address is the string "NULL".</summary>
public sealed record ApiUserResponse(
    [property: JsonPropertyName("apikey")] string ApiKey,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("starttime")] string StartTime,
    [property: JsonPropertyName("endtime")] string EndTime,
    [property: JsonPropertyName("IPv4")] string IPv4,
    [property: JsonPropertyName("IPv6")] string IPv6,
    [property: JsonPropertyName("isAdmin")] bool IsAdmin,
    [property: JsonPropertyName("isDeleted")] bool IsDeleted)
{
    public static ApiUserResponse From(ApiUserView user, string token) => new(
        user.ApiKey, token, ApiInput.FormatTime(user.StartTime.Date), ApiInput.FormatTime(user.EndTime),
        user.IPv4 ?? "NULL", user.IPv6 ?? "NULL", user.IsAdmin, user.IsDeleted);
}

/// <summary>Documentation only: the body is parsed by hand so every fault is a 400 that names its field.</summary>
public sealed record CreateApiUserRequest(
    [property: JsonPropertyName("apikey_prefix"), Description("Human-readable prefix; spaces become _, other characters outside 0-9A-Za-z-_ are dropped, cut to 24.")] string? ApiKeyPrefix,
    [property: JsonPropertyName("ip"), Description("The IPv4 or IPv6 address the user may call from.")] string Ip,
    [property: JsonPropertyName("endtime"), Description("yyyy-[m]m-[d]d or yyyy-[m]m-[d]d hh:mm:ss[.f...], in the portal's time zone.")] string EndTime,
    [property: JsonPropertyName("isAdmin"), Description("true/false, as JSON boolean or string.")] string? IsAdmin);

public sealed record ExtendApiUserRequest([property: JsonPropertyName("endtime")] string EndTime);

public sealed record CliCredentialResponse(
    [property: JsonPropertyName("sessionToken")] string SessionToken,
    [property: JsonPropertyName("expires")] string Expires);

/// <summary>The admin caller, set by <see cref="AdminApiFilter"/> for the handlers.</summary>
internal sealed record AdminCaller(string ApiKey, AuditActor Actor);

public static class ApiUsersApi
{
    private const long MaxBodyBytes = 64 * 1024;

    /// <summary>
    /// POST/GET/PUT/DELETE {base}/users and POST {base}/cli-credential. ASP.NET authorization is AllowAnonymous on
    /// purpose: the callers are API users, checked by <see cref="AdminApiFilter"/> (admin headers) and by the
    /// cli-credential handler itself, after the rate limiter, so failed attempts are limited too.
    /// </summary>
    internal static RouteGroupBuilder MapApiUsersEndpoints(this IEndpointRouteBuilder app, string basePath)
    {
        var api = app.MapGroup(basePath).WithTags("API users").AllowAnonymous();

        var users = api.MapGroup("/users")
            .AddEndpointFilter<AdminApiFilter>()
            .RequireRateLimiting(ApiPolicies.AdminRateLimit)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        users.MapPost("/", CreateAsync)
            .WithName("CreateApiUser")
            .WithSummary("Creates an API user")
            .WithDescription("Headers Admin-Apikey/Admin-Token (or admin_apikey/admin_token; some proxies such as nginx drop underscored headers by default), BASE64 encoded.")
            .Accepts<CreateApiUserRequest>("application/json");
        users.MapGet("/{apikey}", GetAsync)
            .WithName("GetApiUser")
            .WithSummary("Reads an API user, deleted ones included");
        users.MapPut("/{apikey}", ExtendAsync)
            .WithName("ExtendApiUser")
            .WithSummary("Sets a new endtime; answers text/plain true")
            .Accepts<ExtendApiUserRequest>("application/json")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        users.MapDelete("/{apikey}", DeleteAsync)
            .WithName("DeleteApiUser")
            .WithSummary("Marks an API user deleted and ends its session tokens; answers text/plain true")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");

        api.MapPost("/cli-credential", CliCredentialAsync)
            .RequireRateLimiting(ApiPolicies.AdminRateLimit)
            .WithName("CliCredential")
            .WithSummary("Issues a session token for Authorization: Bearer")
            .WithDescription("Headers Apikey/Token, BASE64 encoded, from the API user's bound address.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    private static async Task<Results<Ok<ApiUserResponse>, ProblemHttpResult>> CreateAsync(HttpContext http, ApiUserService users, CancellationToken ct)
    {
        var (body, problem) = await ReadObjectAsync(http, ["apikey_prefix", "ip", "endtime", "isAdmin"], ct);
        if (problem is not null)
        {
            return problem;
        }
        using var doc = body!;
        var root = doc.RootElement;

        string? prefix = null;
        if (root.TryGetProperty("apikey_prefix", out var p) && p.ValueKind != JsonValueKind.Null)
        {
            if (p.ValueKind != JsonValueKind.String)
            {
                return ApiProblems.BadField("apikey_prefix", "apikey_prefix must be a string.");
            }
            prefix = p.GetString();
        }
        if (!root.TryGetProperty("ip", out var ipElement) || ipElement.ValueKind != JsonValueKind.String
            || !ApiInput.TryParseIp(ipElement.GetString(), out var ip))
        {
            return ApiProblems.BadField("ip", "ip must be a valid IPv4 or IPv6 address.");
        }
        if (ParseEndTime(root, users) is not { } endUtc)
        {
            return ApiProblems.BadField("endtime", "endtime must be yyyy-[m]m-[d]d or yyyy-[m]m-[d]d hh:mm:ss[.f...], a real date and time.");
        }
        var isAdmin = false;
        if (root.TryGetProperty("isAdmin", out var a))
        {
            switch (a.ValueKind)
            {
                case JsonValueKind.True: isAdmin = true; break;
                case JsonValueKind.False or JsonValueKind.Null: break;
                case JsonValueKind.String when string.Equals(a.GetString(), "true", StringComparison.OrdinalIgnoreCase): isAdmin = true; break;
                case JsonValueKind.String when string.Equals(a.GetString(), "false", StringComparison.OrdinalIgnoreCase): break;
                default: return ApiProblems.BadField("isAdmin", "isAdmin must be true or false.");
            }
        }
        var caller = http.Features.GetRequiredFeature<AdminCaller>();
        var (user, token) = await users.CreateAsync(prefix, ip!, endUtc, isAdmin, caller.Actor, ct);
        return TypedResults.Ok(ApiUserResponse.From(user, token));
    }

    private static async Task<Results<Ok<ApiUserResponse>, ProblemHttpResult>> GetAsync(string apikey, ApiUserService users, CancellationToken ct)
    {
        if (apikey.Length > 256 || await users.GetAsync(apikey, ct) is not { } found)
        {
            return ApiProblems.NotFound();
        }
        return TypedResults.Ok(ApiUserResponse.From(found.User, found.Token));
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> ExtendAsync(string apikey, HttpContext http, ApiUserService users, CancellationToken ct)
    {
        var (body, problem) = await ReadObjectAsync(http, ["endtime"], ct);
        if (problem is not null)
        {
            return problem;
        }
        using var doc = body!;
        if (ParseEndTime(doc.RootElement, users) is not { } endUtc)
        {
            return ApiProblems.BadField("endtime", "endtime must be yyyy-[m]m-[d]d or yyyy-[m]m-[d]d hh:mm:ss[.f...], a real date and time.");
        }
        var caller = http.Features.GetRequiredFeature<AdminCaller>();
        return apikey.Length <= 256 && await users.ExtendAsync(apikey, endUtc, caller.Actor, ct)
            ? TypedResults.Text("true", "text/plain")
            : ApiProblems.NotFound();
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> DeleteAsync(string apikey, HttpContext http, ApiUserService users, CancellationToken ct)
    {
        var caller = http.Features.GetRequiredFeature<AdminCaller>();
        return apikey.Length <= 256 && await users.DeleteAsync(apikey, caller.Actor, ct)
            ? TypedResults.Text("true", "text/plain")
            : ApiProblems.NotFound();
    }

    private static async Task<Results<Ok<CliCredentialResponse>, ContentHttpResult, ProblemHttpResult>> CliCredentialAsync(HttpContext http, ApiUserService users, CancellationToken ct)
    {
        var address = ClientAddress.Of(http);
        var check = await users.CheckAsync(ApiInput.ReadBase64Header(http.Request.Headers, "Apikey"),
            ApiInput.ReadBase64Header(http.Request.Headers, "Token"), address, ct);
        if (check.Status == CredentialStatus.Invalid)
        {
            return ApiProblems.Unauthorized();
        }
        if (check.Status != CredentialStatus.Valid)
        {
            return ApiProblems.Forbidden(check.Status);
        }
        var actor = new AuditActor(check.ApiKey!, AuditActorKind.ApiUser, address?.ToString());
        var issued = await users.IssueSessionTokenAsync(check, actor, ct);
        return TypedResults.Ok(new CliCredentialResponse(issued.Token, issued.ExpiresLocal.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static DateTime? ParseEndTime(JsonElement root, ApiUserService users) =>
        root.TryGetProperty("endtime", out var e) && e.ValueKind == JsonValueKind.String
        && ApiInput.TryParseEndTime(e.GetString(), out var local) && users.TryToUtc(local, out var utc)
            ? utc
            : null;

    /// <summary>The body as one JSON object of at most 64 KB without repeated known properties, or a 400 naming why.</summary>
    private static async Task<(JsonDocument? Body, ProblemHttpResult? Problem)> ReadObjectAsync(HttpContext http, string[] known, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBodyBytes;
        }
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return (null, ApiProblems.BadField("body", "The body is larger than 64 KB."));
        }
        JsonDocument doc;
        try
        {
            doc = await JsonDocument.ParseAsync(http.Request.Body, new JsonDocumentOptions { MaxDepth = 16 }, ct);
        }
        catch (Exception ex) when (ex is JsonException or BadHttpRequestException or ArgumentException)
        {
            return (null, ApiProblems.BadField("body", "The body is not valid UTF-8 JSON."));
        }
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            doc.Dispose();
            return (null, ApiProblems.BadField("body", "The body must be a JSON object."));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            if (known.Contains(property.Name, StringComparer.Ordinal) && !seen.Add(property.Name))
            {
                var problem = ApiProblems.BadField(property.Name, $"{property.Name} is given more than once.");
                doc.Dispose();
                return (null, problem);
            }
        }
        return (doc, null);
    }
}

/// <summary>
/// Admits an admin API user: Admin-Apikey/Admin-Token or admin_apikey/admin_token (BASE64), not deleted,
/// before its endtime, calling from its bound address. Checked on every request; 401 for an unknown key or
/// wrong token (one constant body), 403 for a known user that may not.
/// </summary>
internal sealed class AdminApiFilter(ApiUserService users, AuditWriter audit) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var headers = http.Request.Headers;
        var address = ClientAddress.Of(http);
        var check = await users.CheckAsync(
            ApiInput.ReadBase64Header(headers, "Admin-Apikey", "admin_apikey"),
            ApiInput.ReadBase64Header(headers, "Admin-Token", "admin_token"),
            address, http.RequestAborted);
        if (check.Status == CredentialStatus.Invalid)
        {
            return ApiProblems.Unauthorized();
        }
        var actor = new AuditActor(check.ApiKey!, AuditActorKind.ApiUser, address?.ToString());
        if (check.Status != CredentialStatus.Valid || !check.IsAdmin)
        {
            await audit.WriteAsync(actor, "api-admin.denied", http.Request.Method, AuditOutcome.Denied, check.Status.ToString(), http.RequestAborted);
            return ApiProblems.Forbidden(check.Status);
        }
        http.Features.Set(new AdminCaller(check.ApiKey!, actor));
        return await next(context);
    }
}
