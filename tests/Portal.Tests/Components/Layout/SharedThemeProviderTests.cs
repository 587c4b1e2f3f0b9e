using Bunit;
using MudBlazor;
using Portal.Components.Layout;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Components.Layout;

public sealed class SharedThemeProviderTests : PortalTestContext
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Writes_what_MudThemeProvider_writes(bool dark)
    {
        var own = Render<MudThemeProvider>(p => p.Add(t => t.Theme, PortalTheme.Theme).Add(t => t.IsDarkMode, dark));
        var shared = Render<SharedThemeProvider>(p => p.Add(t => t.Theme, PortalTheme.Theme).Add(t => t.IsDarkMode, dark));

        Assert.Contains("--mud-palette-primary", shared.Markup);
        Assert.Equal(own.Markup, shared.Markup);
    }

    [Fact]
    public void Switching_to_dark_mode_writes_the_dark_palette()
    {
        var light = Render<MudThemeProvider>(p => p.Add(t => t.Theme, PortalTheme.Theme).Add(t => t.IsDarkMode, false)).Markup;
        var dark = Render<MudThemeProvider>(p => p.Add(t => t.Theme, PortalTheme.Theme).Add(t => t.IsDarkMode, true)).Markup;
        var shared = Render<SharedThemeProvider>(p => p.Add(t => t.Theme, PortalTheme.Theme).Add(t => t.IsDarkMode, false));

        shared.Render(p => p.Add(t => t.IsDarkMode, true));

        Assert.NotEqual(light, dark);
        Assert.Equal(dark, shared.Markup);
    }

    // The point of the class: circuits with the same theme hold one string, not one each.
    [Fact]
    public void Equal_style_sheets_are_one_string()
    {
        var first = new string('a', 3) + "{--mud-test: 1}";
        var second = new string('a', 3) + "{--mud-test: 1}";
        Assert.NotSame(first, second);

        Assert.Same(SharedThemeProvider.Share(first), SharedThemeProvider.Share(second));
    }
}
