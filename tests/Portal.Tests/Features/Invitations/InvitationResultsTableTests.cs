using Bunit;
using Portal.Features.Invitations;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Invitations;

/// <summary>Per-address results read as words in the staff member's language, with RemotePC's own status beside them.</summary>
public sealed class InvitationResultsTableTests : PortalTestContext
{
    private static InvitationJobItemsPage Page(params InvitationItem[] items) => new(items, items.Length);

    [Theory]
    [InlineData("de-DE", "Eingeladen", "Fehlgeschlagen")]
    [InlineData("en-US", "Invited", "Failed")]
    public void Each_result_is_a_translated_word_with_the_upstream_code_visible(string culture, string invited, string failed)
    {
        using var _ = new CultureScope(culture);

        var table = Render<InvitationResultsTable>(p => p.Add(x => x.Page, Page(
            new InvitationItem { Email = "a@example.com", Computers = 1500, State = InvitationItemState.Invited, RawStatus = "INVITED", Attempts = 1 },
            new InvitationItem { Email = "b@example.com", Computers = 1, State = InvitationItemState.Failed, RawStatus = "BLOCKED_DOMAIN", Attempts = 1 })));

        var rows = table.FindAll("[data-testid=job-result-row]");
        Assert.Contains(invited, rows[0].TextContent);
        Assert.Equal("INVITED", rows[0].QuerySelector("[data-testid=job-result-code]")!.TextContent);
        Assert.Contains(failed, rows[1].TextContent);
        Assert.Equal("BLOCKED_DOMAIN", rows[1].QuerySelector("[data-testid=job-result-code]")!.TextContent);
        Assert.Contains(culture == "de-DE" ? "1.500" : "1,500", rows[0].TextContent);
    }
}
