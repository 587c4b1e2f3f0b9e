using Bunit;
using Portal.Features.Users;

namespace Portal.Tests.Features.Users;

public sealed class UserSearchBoxTests : MudTestContext
{
    private readonly List<string?> _emitted = [];

    private IRenderedComponent<UserSearchBox> RenderBox(string? value) =>
        Render<UserSearchBox>(p => p.Add(b => b.Value, value).Add(b => b.Placeholder, "Search by email").Add(b => b.ValueChanged, v => _emitted.Add(v)));

    [Fact]
    public void Each_keystroke_is_one_event_to_the_server()
    {
        var box = RenderBox(null);
        var input = box.Find("input[data-testid=user-search]");

        // A keydown or keyup handler would make each keystroke three round trips (bench/Portal.Harness row 3).
        Assert.Equal(["oninput"], input.Attributes.Select(a => a.Name).Where(n => n.StartsWith("blazor:on", StringComparison.Ordinal))
            .Select(n => n["blazor:".Length..]));
        input.Input("a");
        input.Input("ab");
        Assert.Equal(["a", "ab"], _emitted);
    }

    [Fact]
    public void It_starts_with_the_search_it_is_given()
    {
        var box = RenderBox("ann");

        Assert.Equal("ann", box.Find("input").GetAttribute("value"));
        Assert.Equal("Search by email", box.Find("input").GetAttribute("aria-label"));
    }

    // Blazor records the text the browser sends with an event into the value it rendered; without one, the first
    // keystroke's render wrote its text back over the second keystroke (the E2E columns test typed "chen", got "cen").
    [Fact]
    public void An_empty_box_renders_an_empty_value_for_the_browser_text_to_go_into()
    {
        var box = RenderBox(null);

        Assert.True(box.Find("input").HasAttribute("value"));
        Assert.Equal("", box.Find("input").GetAttribute("value"));
    }

    [Fact]
    public void The_clear_button_shows_with_text_and_empties_the_box()
    {
        var box = RenderBox(null);
        Assert.Empty(box.FindAll("[data-testid=user-search-clear]"));

        box.Find("input").Input("ann");
        box.Find("[data-testid=user-search-clear]").Click();

        Assert.Equal(["ann", null], _emitted);
        Assert.True(string.IsNullOrEmpty(box.Find("input").GetAttribute("value")));
        Assert.Empty(box.FindAll("[data-testid=user-search-clear]"));
    }
}
