using System.Text.Json;
using System.Text.Json.Serialization;

namespace RemotePc.Wire;

/// <summary>
/// Reads one list row without ever failing the whole list. A row without a usable username, count or flag is skipped;
/// an unreadable created_date keeps the row with no date; both count as malformed. Extra fields are ignored.
/// Only invalid JSON itself (which the reader cannot skip past) still throws.
/// </summary>
internal sealed class UserRowConverter : JsonConverter<UserRow>
{
    public override UserRow Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TryRead(ref reader, out var row) ? row : throw new JsonException("A list row is incomplete.");

    /// <summary>
    /// Reads one row from its first token to its last. False when the data ends inside the row: the streaming
    /// <see cref="UserListReader"/> then rewinds to the row's start and retries with more of the body.
    /// </summary>
    public static bool TryRead(ref Utf8JsonReader reader, out UserRow row)
    {
        row = default;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            if (!reader.TrySkip())
            {
                return false;
            }
            row = new UserRow(null, true);
            return true;
        }

        string? username = null;
        int? allotted = null, utilized = null;
        bool? active = null;
        DateOnly? created = null;
        var badDate = false;

        while (true)
        {
            if (!reader.Read())
            {
                return false;
            }
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                break;
            }
            var field = Identify(ref reader);
            if (!reader.Read())
            {
                return false;
            }
            switch (field)
            {
                case Field.Username:
                    username = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    break;
                case Field.Allotted:
                    allotted = ReadCount(ref reader);
                    break;
                case Field.Utilized:
                    utilized = ReadCount(ref reader);
                    break;
                case Field.Active:
                    active = reader.TokenType switch { JsonTokenType.True => true, JsonTokenType.False => false, _ => null };
                    break;
                case Field.Created when reader.TokenType != JsonTokenType.Null:
                    created = reader.TokenType == JsonTokenType.String ? ReadDate(ref reader) : null;
                    badDate = created is null;
                    break;
            }

            // Leaves the reader on the value's last token whatever its shape (no-op for scalars).
            if (!reader.TrySkip())
            {
                return false;
            }
        }

        row = string.IsNullOrWhiteSpace(username) || allotted is null || utilized is null || active is null
            ? new UserRow(null, true)
            : new UserRow(new ResellerUser(username, allotted.Value, utilized.Value, active.Value, created), badDate);
        return true;
    }

    public override void Write(Utf8JsonWriter writer, UserRow value, JsonSerializerOptions options) =>
        throw new NotSupportedException("List rows are only ever read.");

    private enum Field { Other, Username, Allotted, Utilized, Active, Created }

    // Compares the raw UTF-8 name (escapes handled) instead of allocating a string per property of 200,000 rows; an
    // unescaped name is told apart by its length first, so each property costs one comparison, not up to five.
    private static Field Identify(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return reader.ValueTextEquals("username"u8) ? Field.Username
                : reader.ValueTextEquals("alloted_computers"u8) ? Field.Allotted
                : reader.ValueTextEquals("utilized_computers"u8) ? Field.Utilized
                : reader.ValueTextEquals("isActive"u8) ? Field.Active
                : reader.ValueTextEquals("created_date"u8) ? Field.Created
                : Field.Other;
        }
        var name = reader.ValueSpan;
        return name.Length switch
        {
            8 when name.SequenceEqual("username"u8) => Field.Username,
            8 when name.SequenceEqual("isActive"u8) => Field.Active,
            12 when name.SequenceEqual("created_date"u8) => Field.Created,
            17 when name.SequenceEqual("alloted_computers"u8) => Field.Allotted,
            18 when name.SequenceEqual("utilized_computers"u8) => Field.Utilized,
            _ => Field.Other,
        };
    }

    // Parsed from a stack copy: a string per created_date was a sixth of the list's allocations.
    private static DateOnly? ReadDate(ref Utf8JsonReader reader)
    {
        if (!reader.HasValueSequence && !reader.ValueIsEscaped && RemotePcDate.TryParseUtf8(reader.ValueSpan, out var date))
        {
            return date;
        }
        // Even fully escaped (\u0030 is 6 bytes a character) "MM-dd-yyyy" fits in 64 raw bytes; anything longer cannot match.
        var raw = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (raw > 64)
        {
            return null;
        }
        Span<char> text = stackalloc char[64];
        return RemotePcDate.Parse(text[..reader.CopyString(text)]);
    }

    private static int? ReadCount(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var n) && n >= 0 ? n : null;
}
