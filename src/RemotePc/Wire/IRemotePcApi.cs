using System.Text.Json;
using Refit;

namespace RemotePc.Wire;

// Paths are relative (no leading slash) and resolved RFC 3986 style against the base URL, which ends with '/'.
internal interface IRemotePcApi
{
    public const string ListPath = "user/list";

    [Post("user/add")]
    Task<SuccessEnvelope<JsonElement>> AddUserAsync([Body] AddUserRequest body, CancellationToken ct);

    [Post("user/invite")]
    Task<SuccessEnvelope<List<InviteResultItem>>> InviteAsync([Body] IReadOnlyList<InviteRequestItem> body, CancellationToken ct);

    [Post("user/signin")]
    Task<SuccessEnvelope<SignInMessage>> SignInAsync([Body] SignInRequest body, CancellationToken ct);

    // No body: the spec documents none, and a bodyless POST carries no Content-Type to disagree about.
    // The raw response lets the caller stream a 25 MB list instead of Refit buffering and deserializing it.
    [Post(ListPath)]
    Task<HttpResponseMessage> ListUsersAsync(CancellationToken ct);
}
