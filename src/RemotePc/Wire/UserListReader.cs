using System.Buffers;
using System.Text.Json;

namespace RemotePc.Wire;

/// <summary>
/// Reads the list envelope straight from the response stream with a resumable <see cref="Utf8JsonReader"/>: the body is
/// read in 64 KB blocks and each row is parsed once, where it lies, so 200,000 users never become one string.
/// Rows go through <see cref="UserRowConverter.TryRead"/>; the envelope is held to what the serializer enforced before:
/// a root object whose last "message" is an object, whose last "resellerUsersList" is an array or null; other members
/// are skipped; anything else, invalid JSON, a truncated body or trailing content is a <see cref="JsonException"/>.
/// Hand-written because the serializer's per-row converter path (read ahead to buffer the row, then convert) cost
/// about six times a plain scan of the same bytes (UserListFetchBenchmarks).
/// </summary>
internal static class UserListReader
{
    private const int BlockSize = 64 * 1024;

    public static async Task<UserListResult> ReadAsync(Stream stream, CancellationToken ct)
    {
        var parser = new ListParser();
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        var filled = 0;
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(filled), ct);
                filled += read;
                var consumed = parser.Parse(buffer.AsSpan(0, filled), isFinalBlock: read == 0);
                if (read == 0)
                {
                    return parser.Result();
                }
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
                if (filled == buffer.Length)
                {
                    // One member or row larger than the buffer: grow until it fits.
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private enum Phase { Root, RootMembers, MessageMembers, Rows, AfterRoot }

    /// <summary>The envelope's position between blocks; each step is one whole unit (a token, a member, a row) or nothing.</summary>
    private sealed class ListParser
    {
        private JsonReaderState _state;
        private Phase _phase = Phase.Root;
        private bool _hasMessage;
        private List<ResellerUser> _users = [];
        private int _malformed;

        public UserListResult Result() => _phase == Phase.AfterRoot && _hasMessage
            ? new UserListResult(_users, _malformed)
            : throw new JsonException("The list envelope has no message object.");

        /// <summary>Parses every whole unit in <paramref name="data"/>; returns the bytes consumed (the rest is retried with more).</summary>
        public int Parse(ReadOnlySpan<byte> data, bool isFinalBlock)
        {
            var reader = new Utf8JsonReader(data, isFinalBlock, _state);
            while (true)
            {
                var unitStart = reader;
                if (!Step(ref reader))
                {
                    reader = unitStart;
                    break;
                }
            }
            if (isFinalBlock && _phase != Phase.AfterRoot)
            {
                throw new JsonException("The list response ended early.");
            }
            _state = reader.CurrentState;
            return (int)reader.BytesConsumed;
        }

        // False: the data ran out inside the unit (or, after the root, simply ended).
        private bool Step(ref Utf8JsonReader reader)
        {
            if (!reader.Read())
            {
                return false;
            }
            switch (_phase)
            {
                case Phase.Root:
                    _phase = reader.TokenType == JsonTokenType.StartObject ? Phase.RootMembers
                        : throw new JsonException("The list response is not a JSON object.");
                    return true;
                case Phase.RootMembers when reader.TokenType == JsonTokenType.EndObject:
                    _phase = Phase.AfterRoot;
                    return true;
                case Phase.RootMembers when reader.ValueTextEquals("message"u8):
                    if (!reader.Read())
                    {
                        return false;
                    }
                    // The last "message" wins, as it did with the serializer; null leaves none.
                    _hasMessage = reader.TokenType switch
                    {
                        JsonTokenType.StartObject => true,
                        JsonTokenType.Null => false,
                        _ => throw new JsonException("The list envelope's message is not an object."),
                    };
                    Restart();
                    _phase = _hasMessage ? Phase.MessageMembers : Phase.RootMembers;
                    return true;
                case Phase.MessageMembers when reader.TokenType == JsonTokenType.EndObject:
                    _phase = Phase.RootMembers;
                    return true;
                case Phase.MessageMembers when reader.ValueTextEquals("resellerUsersList"u8):
                    if (!reader.Read())
                    {
                        return false;
                    }
                    Restart();
                    _phase = reader.TokenType switch
                    {
                        JsonTokenType.StartArray => Phase.Rows,
                        JsonTokenType.Null => Phase.MessageMembers,
                        _ => throw new JsonException("The user list is not an array."),
                    };
                    return true;
                case Phase.RootMembers or Phase.MessageMembers:
                    // Any other member, whatever its shape.
                    return reader.Read() && reader.TrySkip();
                case Phase.Rows when reader.TokenType == JsonTokenType.EndArray:
                    _phase = Phase.MessageMembers;
                    return true;
                case Phase.Rows:
                    if (!UserRowConverter.TryRead(ref reader, out var row))
                    {
                        return false;
                    }
                    if (row.User is { } user)
                    {
                        _users.Add(user);
                    }
                    if (row.Malformed)
                    {
                        _malformed++;
                    }
                    return true;
                default:
                    // Utf8JsonReader itself rejects anything but whitespace after the root.
                    throw new JsonException("The list response has content after its end.");
            }
        }

        private void Restart()
        {
            _users = [];
            _malformed = 0;
        }
    }
}
