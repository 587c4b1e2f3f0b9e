using System.Text.Json;

namespace RemotePc.Wire;

internal static class WireJson
{
    // Every wire name is spelled out with [JsonPropertyName]; strict number handling so "5" is not silently a count.
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        PropertyNameCaseInsensitive = false,
    };
}
