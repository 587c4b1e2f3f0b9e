using System.Net;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Hosting;

public sealed class HealthTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public HealthTests(PortalFactory factory) => _factory = factory;

    [Fact]
    public async Task Liveness_answers_200()
    {
        using var response = await _factory.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_checks_the_database_and_reports_healthy()
    {
        using var response = await _factory.CreateClient().GetAsync("/healthz/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_endpoints_are_reachable_before_setup()
    {
        using var factory = PortalFactory.Create(bootstrapAdmin: false);

        using var response = await factory.CreateBrowserLikeClient().GetAsync("/healthz/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
