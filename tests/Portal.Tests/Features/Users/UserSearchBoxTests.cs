using Bunit;
using Microsoft.AspNetCore.Components;
using Portal.Features.Users;
using Portal.Tests.Infrastructure;

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

    // Under load the browser has "ch" in the box by the time the server renders after the "c" keystroke. That render must not
    // send the box a value, or "c" lands over "ch" (the E2E tests typed "chen_s" and got "cen_s"): the input has to be bound,
    // so Blazor records the text each event brings as what the box already shows.
    [Fact]
    public async Task A_keystroke_sends_no_text_back_to_the_box_and_the_clear_button_empties_it()
    {
        var emitted = new List<string?>();
        using var renderer = BrowserEditRenderer.Create();
        var box = await renderer.RenderAsync<UserSearchBox>(new Dictionary<string, object?>
        {
            [nameof(UserSearchBox.Placeholder)] = "Search by email",
            [nameof(UserSearchBox.ValueChanged)] = EventCallback.Factory.Create<string?>(this, v => emitted.Add(v)),
        });

        await renderer.RaiseAsync(box, "oninput", new ChangeEventArgs { Value = "c" }, fieldValue: "c");
        Assert.DoesNotContain(renderer.AttributeEdits, e => e.Name == "value");
        await renderer.RaiseAsync(box, "oninput", new ChangeEventArgs { Value = "ch" }, fieldValue: "ch");
        Assert.DoesNotContain(renderer.AttributeEdits, e => e.Name == "value");

        await renderer.RaiseAsync(box, "onclick", new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
        Assert.Contains((box, "value", (object?)""), renderer.AttributeEdits);
        Assert.Equal(["c", "ch", null], emitted);
    }

    // The button is always in the markup and shown by CSS while the box has text (:placeholder-shown, E2E tests it), so
    // typing never inserts or removes it.
    [Fact]
    public void The_clear_button_empties_the_box_and_stays_in_place()
    {
        var box = RenderBox(null);
        var input = box.Find("input");
        Assert.True(input.HasAttribute("placeholder"));
        Assert.Same(input.ParentElement, box.Find("[data-testid=user-search-clear]").ParentElement);

        input.Input("ann");
        box.Find("[data-testid=user-search-clear]").Click();

        Assert.Equal(["ann", null], _emitted);
        Assert.True(string.IsNullOrEmpty(box.Find("input").GetAttribute("value")));
        Assert.Single(box.FindAll("[data-testid=user-search-clear]"));
    }
}
