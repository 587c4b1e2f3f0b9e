using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Components.Layout;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Components.Layout;

/// <summary>The app bar's language menu: marks the current language and switches through the culture endpoint.</summary>
public sealed class LanguageMenuTests : Portal.Tests.Features.Users.MudTestContext
{
    [Fact]
    public void Picking_English_in_German_reloads_through_the_culture_endpoint_back_to_the_same_view()
    {
        using var _ = new CultureScope("de-DE");
        var navigation = (BunitNavigationManager)Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/users?over=1");
        var popovers = Render<MudPopoverProvider>();
        var menu = Render<LanguageMenu>();

        menu.Find("button").Click();
        Assert.NotNull(popovers.Find("[data-testid=language-de] svg"));
        Assert.Empty(popovers.FindAll("[data-testid=language-en] svg"));
        popovers.Find("[data-testid=language-en]").Click();

        popovers.WaitForAssertion(() =>
        {
            var last = navigation.History.First();
            Assert.Equal("/culture/set?culture=en&redirectUri=%2Fusers%3Fover%3D1", last.Uri);
            Assert.True(last.Options.ForceLoad);
        });
    }
}
