using Bunit;
using Portal.Components.Layout;
using Portal.Features.Staff;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Components.Layout;

public sealed class NavMenuTests : PortalTestContext
{
    private string[] LinksFor(string role)
    {
        SignInAs(role);
        return Render<NavMenu>().FindAll("a").Select(a => a.GetAttribute("href") ?? "").ToArray();
    }

    [Fact]
    public void An_admin_sees_every_section_including_administration()
    {
        Assert.Equal(["/", "/users", "/invitations", "/api-users", "/audit", "/staff", "/settings"], LinksFor(StaffRoles.Admin));
    }

    [Fact]
    public void An_operator_sees_invitations_but_no_administration()
    {
        Assert.Equal(["/", "/users", "/invitations"], LinksFor(StaffRoles.Operator));
    }

    [Fact]
    public void A_viewer_sees_only_the_read_only_sections()
    {
        SignInAs(StaffRoles.Viewer);

        var menu = Render<NavMenu>();

        Assert.Equal(["/", "/users"], menu.FindAll("a").Select(a => a.GetAttribute("href")));
        Assert.DoesNotContain("Administration", menu.Markup);
    }
}
