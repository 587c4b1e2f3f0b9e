namespace RemotePc;

internal static class SafeText
{
    private const int MaxLength = 120;

    // Upstream codes end up in messages and logs: no control characters (log forging) and no unbounded length.
    public static string ForMessage(string value)
    {
        var cleaned = new string(value.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return cleaned.Length <= MaxLength ? cleaned : cleaned[..MaxLength] + "…";
    }
}
