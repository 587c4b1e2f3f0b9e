using System.Net;
using System.Text;
using System.Text.Json;
using FsCheck.Xunit;
using RemotePc.Wire;

namespace RemotePc.Tests.Client;

public sealed class ErrorEnvelopeTests
{
    [Fact]
    public void Every_description_is_kept_including_unknown_ones()
    {
        var error = Parse(HttpStatusCode.BadRequest, Samples.TwoErrorsOneUnknown);

        Assert.Equal("BAD_REQUEST", error.Status);
        Assert.Equal(["FIRSTNAME_REQUIRED", "WRONG_PASSWORD_SOMETHING_NEW"], error.Descriptions);
        Assert.True(error.Has("firstname_required"));
        Assert.Contains("WRONG_PASSWORD_SOMETHING_NEW", error.Message);
    }

    [Theory]
    [InlineData(Samples.EmailExists, 400, "BAD_REQUEST", "EMAIL_EXISTS")]
    [InlineData(Samples.NotAuthorized, 401, "UNAUTHORIZED", "NOT_AUTHORIZED")]
    [InlineData(Samples.Forbidden, 403, "Forbidden", "Forbidden")]
    [InlineData(Samples.ServerError, 500, "INTERNAL_SERVER_ERROR", "INTERNAL_SERVER_ERROR")]
    public void The_spec_examples_parse(string body, int code, string status, string description)
    {
        var error = Parse((HttpStatusCode)code, body);

        Assert.Equal(status, error.Status);
        Assert.Equal([description], error.Descriptions);
        Assert.Equal(code == 401, error.IsKeyRejected);
        Assert.Equal(code == 403, error.IsNotWhitelisted);
        Assert.Equal(code == 500, error.IsUpstreamFailure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("null")]
    [InlineData("""{ "status": 5, "errors": "nope" }""")]
    [InlineData("""{ "status": "BAD_REQUEST", "errors": [ 1, null, {"description": 3}, {} ] }""")]
    public void A_body_that_is_not_the_envelope_still_gives_the_status(string body)
    {
        var error = Parse(HttpStatusCode.BadGateway, body);

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Empty(error.Descriptions);
        Assert.DoesNotContain("502 Bad Gateway", error.Message);
    }

    [Property]
    public void Never_throws_on_any_bytes(byte[] body, ushort code)
    {
        var status = (HttpStatusCode)(400 + code % 200);

        var error = ErrorEnvelopeReader.Parse(status, body ?? []);

        Assert.Equal(status, error.StatusCode);
    }

    [Property]
    public void Never_throws_on_any_text(string body) =>
        Assert.NotNull(Parse(HttpStatusCode.BadRequest, body ?? ""));

    [Property]
    public void Returns_every_description_of_a_well_formed_envelope(string[] descriptions)
    {
        var expected = (descriptions ?? []).Where(d => !string.IsNullOrEmpty(d)).Take(100).ToList();
        var body = JsonSerializer.Serialize(new
        {
            status = "BAD_REQUEST",
            code = 400,
            errorsCount = expected.Count,
            errors = expected.Select(d => new { description = d }),
        });

        var error = Parse(HttpStatusCode.BadRequest, body);

        Assert.Equal(expected, error.Descriptions);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static RemotePcApiException Parse(HttpStatusCode status, string body) =>
        ErrorEnvelopeReader.Parse(status, Encoding.UTF8.GetBytes(body));
}
