using System.Text.Json;

namespace RemotePc.Sandbox.Api;

/// <summary>
/// Field access that tells "absent or null" from "present with the wrong JSON type": RemotePC (Jackson) rejects
/// the latter as a malformed body, so the sandbox answers INVALID_JSON for it.
/// </summary>
internal static class JsonFields
{
    /// <summary>False only for a wrong type; <paramref name="value"/> is null when absent or null.</summary>
    public static bool TryGetString(JsonElement obj, string name, out string? value)
    {
        value = null;
        if (!obj.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (property.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = property.GetString();
        return true;
    }

    /// <summary>False only for a wrong type or a non-integer; absent or null gives <paramref name="fallback"/>.</summary>
    public static bool TryGetInt32(JsonElement obj, string name, int fallback, out int value)
    {
        value = fallback;
        if (!obj.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        return property.ValueKind == JsonValueKind.Number && property.TryGetInt32(out value);
    }

    public static bool IsBooleanOrAbsent(JsonElement obj, string name) =>
        !obj.TryGetProperty(name, out var property)
        || property.ValueKind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null;
}
