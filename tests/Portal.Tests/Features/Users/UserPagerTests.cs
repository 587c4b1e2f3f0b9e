using System.Text.RegularExpressions;
using Bunit;
using MudBlazor;
using Portal.Features.Users;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Users;

/// <summary>The users page's pager: MudPagination's pages, markup and texts, as plain elements.</summary>
public sealed partial class UserPagerTests : PortalTestContext
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(7, 7)]
    [InlineData(8, 4)]
    [InlineData(8000, 1)]
    [InlineData(8000, 3)]
    [InlineData(8000, 4)]
    [InlineData(8000, 5)]
    [InlineData(8000, 4000)]
    [InlineData(8000, 7996)]
    [InlineData(8000, 7998)]
    [InlineData(8000, 8000)]
    public void The_pages_shown_are_those_MudPagination_shows(int count, int selected)
    {
        var mud = Render<MudPagination>(p => p
            .Add(x => x.Count, count).Add(x => x.Selected, selected).Add(x => x.BoundaryCount, 1).Add(x => x.MiddleCount, 3));
        var shown = mud.FindAll("li").Skip(1).SkipLast(1)
            .Select(li => Digits().Match(li.TextContent) is { Success: true } m ? int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture) : PagerPages.Gap);

        Assert.Equal(shown, PagerPages.For(selected, count));
    }

    [Fact]
    public void Page_buttons_previous_and_next_choose_a_page_and_the_ends_are_disabled()
    {
        var chosen = new List<int>();
        var pager = Render<UserPager>(p => p.Add(x => x.Page, 1).Add(x => x.Count, 8000).Add(x => x.PageChanged, page => chosen.Add(page)));

        Assert.True(pager.Find("[aria-label='Previous page']").HasAttribute("disabled"));
        Assert.False(pager.Find("[aria-label='Next page']").HasAttribute("disabled"));
        Assert.Equal("page", pager.Find("[aria-label='Current page 1']").GetAttribute("aria-current"));
        // Numbers as staff read them, with the thousands separated.
        Assert.Equal("8,000", pager.Find("[aria-label='Page 8,000']").TextContent.Trim());

        pager.Find("[aria-label='Page 3']").Click();
        pager.Find("[aria-label='Next page']").Click();
        Assert.Equal([3, 2], chosen);

        pager.Render(p => p.Add(x => x.Page, 8000));
        Assert.True(pager.Find("[aria-label='Next page']").HasAttribute("disabled"));
        Assert.False(pager.Find("[aria-label='Previous page']").HasAttribute("disabled"));
    }

    [Fact]
    public void The_pager_speaks_German()
    {
        using var _ = new CultureScope("de-DE");

        var pager = Render<UserPager>(p => p.Add(x => x.Page, 2).Add(x => x.Count, 8000));

        Assert.NotEmpty(pager.FindAll("[aria-label='Vorherige Seite']"));
        Assert.NotEmpty(pager.FindAll("[aria-label='Nächste Seite']"));
        Assert.NotEmpty(pager.FindAll("[aria-label='Aktuelle Seite 2']"));
        Assert.Equal("8.000", pager.Find("[aria-label='Seite 8.000']").TextContent.Trim());
    }

    [Fact]
    public void It_renders_again_only_when_the_page_or_the_count_changes()
    {
        var pager = Render<UserPager>(p => p.Add(x => x.Page, 1).Add(x => x.Count, 40));

        pager.Render(p => p.Add(x => x.Page, 1).Add(x => x.Count, 40));
        Assert.Equal(1, pager.RenderCount);

        pager.Render(p => p.Add(x => x.Count, 12));
        Assert.Equal(2, pager.RenderCount);
        Assert.NotEmpty(pager.FindAll("[aria-label='Page 12']"));
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
