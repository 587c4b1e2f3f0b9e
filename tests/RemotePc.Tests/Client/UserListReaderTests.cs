using System.Text;
using System.Text.Json;
using RemotePc.Wire;

namespace RemotePc.Tests.Client;

/// <summary>The hand-written list reader resumes between blocks: any split of the body gives the same result, and the envelope rules hold.</summary>
public sealed class UserListReaderTests
{
    private const string Body = """
        { "status": "OK", "other": { "a": [1, {"b": "]}"}] }, "message": { "x": null, "resellerUsersList": [
          { "alloted_computers": 1, "created_date": "01-13-2023", "isActive": true, "utilized_computers": 0, "username": "a\u0040example.com" },
          { "alloted_computers": 2, "created_date": "\u00302-29-2024", "isActive": false, "utilized_computers": 1, "username": "b@example.com" },
          { "alloted_computers": 3, "created_date": "02-30-2023", "isActive": true, "utilized_computers": 0, "username": "c@example.com", "extra": [[[]]] },
          42,
          { "alloted_computers": "4", "isActive": true, "utilized_computers": 0, "username": "d@example.com" }
        ], "y": "z" }, "code": 200 }
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(64)]
    public async Task Any_split_of_the_body_reads_the_same(int chunk)
    {
        var result = await UserListReader.ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(Body), chunk), CancellationToken.None);

        Assert.Equal(["a@example.com", "b@example.com", "c@example.com"], result.Users.Select(u => u.Username));
        Assert.Equal(new DateOnly(2023, 1, 13), result.Users[0].Created);
        Assert.Equal(new DateOnly(2024, 2, 29), result.Users[1].Created);
        Assert.Null(result.Users[2].Created);
        Assert.Equal(3, result.MalformedRows); // bad date (kept), a number, a string count
    }

    [Theory]
    [InlineData("""{ "message": { "resellerUsersList": null } }""", 0)]
    [InlineData("""{ "message": { "resellerUsersList": [ {"username": "x", "alloted_computers": 1, "utilized_computers": 0, "isActive": true} ] }, "message": { } }""", 0)]
    [InlineData("""{ "message": { "resellerUsersList": [] , "resellerUsersList": [ {"username": "x", "alloted_computers": 1, "utilized_computers": 0, "isActive": true} ] } }  """, 1)]
    public async Task The_last_member_wins_and_a_null_list_is_empty(string json, int users)
    {
        var result = await UserListReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), CancellationToken.None);

        Assert.Equal(users, result.Users.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("""{ "message": null }""")]
    [InlineData("""{ "message": { "resellerUsersList": [] }, "message": null }""")]
    [InlineData("""{ "message": { "resellerUsersList": {} } }""")]
    [InlineData("""{ "message": { "resellerUsersList": [] } } x""")]
    [InlineData("""{ "message": { "resellerUsersList": [] } } {}""")]
    [InlineData("""{ "message": { "resellerUsersList": [ { "username": "a" }""")]
    public async Task Anything_but_the_envelope_is_a_json_error(string json) =>
        await Assert.ThrowsAnyAsync<JsonException>(() => UserListReader.ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(json), 3), CancellationToken.None));

    // Hands out at most a few bytes per read, as a slow network would.
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}
