using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Portal.Features.ApiUsers;

/// <summary>RFC 7807 answers of the API. The 401 body is one constant, so an unknown apikey and a wrong token look alike.</summary>
internal static class ApiProblems
{
    public const string ContentType = "application/problem+json";

    public static readonly string UnauthorizedJson = JsonSerializer.Serialize(new
    {
        type = "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        title = "Unauthorized",
        status = 401,
        detail = "The apikey or token is missing or not valid. Send them BASE64 encoded.",
    });

    public static ContentHttpResult Unauthorized() => TypedResults.Content(UnauthorizedJson, ContentType, Encoding.UTF8, StatusCodes.Status401Unauthorized);

    public static ProblemHttpResult Forbidden(CredentialStatus status) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "Forbidden",
        detail: status switch
        {
            CredentialStatus.Deleted => "This API user is deleted.",
            CredentialStatus.Expired => "This API user is past its endtime.",
            CredentialStatus.WrongAddress => "This API user may not call from this address.",
            _ => "This API user is not an admin.",
        });

    public static ProblemHttpResult BadField(string field, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: $"Bad data: {field}",
        detail: detail,
        extensions: new Dictionary<string, object?> { ["field"] = field });

    public static ProblemHttpResult NotFound() => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No API user with this apikey (or it is deleted).");
}

/// <summary>The caller's address: the connection's, already rewritten by ForwardedHeaders only for a trusted proxy.</summary>
public static class ClientAddress
{
    public static IPAddress? Of(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address ? ApiInput.Normalize(address) : null;

    /// <summary>The authenticated API user of an integration call, as the audit trail names it.</summary>
    public static Audit.AuditActor ApiActor(HttpContext context) =>
        new(context.User.Identity?.Name ?? "unknown", Audit.AuditActorKind.ApiUser, Of(context)?.ToString());
}
