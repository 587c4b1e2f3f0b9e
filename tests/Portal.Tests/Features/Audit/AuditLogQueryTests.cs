using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Audit;

/// <summary>The audit page's filters give the same rows on SQLite and PostgreSQL (the suite runs on both).</summary>
public sealed class AuditLogQueryTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public AuditLogQueryTests(PortalFactory factory) => _factory = factory;

    private async Task<IReadOnlyList<AuditEntry>> FindAsync(AuditFilter filter)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<AuditLogQuery>().PageAsync(filter, olderThanId: null, size: 50)).Rows;
    }

    [Fact]
    public async Task The_target_filter_is_a_case_insensitive_prefix_and_treats_wildcards_as_text()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var writer = _factory.Services.GetRequiredService<AuditWriter>();
        var actor = new AuditActor("auditor@portal.test", AuditActorKind.Staff, "127.0.0.1");
        await writer.WriteAsync(actor, AuditActions.UserAdded, $"Mixed.Case-{tag}@Customer.example", AuditOutcome.Success);
        await writer.WriteAsync(actor, AuditActions.UserAdded, $"other_{tag}@customer.example", AuditOutcome.Success);
        await writer.WriteAsync(actor, AuditActions.UserAdded, $"otherX{tag}@customer.example", AuditOutcome.Success);

        Assert.Single(await FindAsync(AuditFilter.None with { Target = $"mixed.case-{tag}" }));
        Assert.Single(await FindAsync(AuditFilter.None with { Target = $"MIXED.CASE-{tag}@customer.EXAMPLE" }));
        // '_' is a LIKE wildcard; as a filter it is just an underscore.
        Assert.Single(await FindAsync(AuditFilter.None with { Target = $"other_{tag}" }));
        Assert.Empty(await FindAsync(AuditFilter.None with { Target = $"ixed.case-{tag}" }));
    }
}
