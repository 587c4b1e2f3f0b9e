using System.Text.Json.Serialization;

namespace RemotePc.Wire;

internal sealed class SignInMessage
{
    [JsonPropertyName("rpc_redirect_link")]
    public string? RpcRedirectLink { get; set; }
}
