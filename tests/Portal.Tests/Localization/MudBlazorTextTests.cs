using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Bunit;
using MudBlazor;
using Portal.Localization;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Localization;

/// <summary>MudBlazor's own texts follow the staff member's language through PortalMudLocalizer.</summary>
public sealed partial class MudBlazorTextTests : PortalTestContext
{
    [Fact]
    public void Every_text_MudBlazor_has_a_German_translation_with_the_same_placeholders()
    {
        // MudBlazor's English resources are the list of its keys: an upgrade that adds one fails here until it is translated.
        var english = new ResourceManager("MudBlazor.Resources.LanguageResource", typeof(MudButton).Assembly)
            .GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
        var german = LocalizerKeys.InFile("MudBlazorText.de.resx");

        var missing = english.Keys.Where(k => !german.ContainsKey(k)).Order(StringComparer.Ordinal).ToArray();
        var broken = english.Where(e => german.TryGetValue(e.Key, out var de) && Placeholders(de) != Placeholders(e.Value)).Select(e => e.Key).ToArray();

        Assert.True(missing.Length == 0, "No German text for MudBlazor's:\n" + string.Join("\n", missing));
        Assert.True(broken.Length == 0, "Placeholders differ for:\n" + string.Join("\n", broken));
    }

    [Theory]
    [InlineData("de-DE", "Nächste Seite", "Seite 2")]
    [InlineData("en-US", "Next page", "Page 2")]
    public void The_pager_speaks_the_staff_members_language(string culture, string next, string page2)
    {
        using var _ = new CultureScope(culture);

        var pager = Render<MudPagination>(p => p.Add(x => x.Count, 3).Add(x => x.ShowNextButton, true));

        Assert.NotEmpty(pager.FindAll($"[aria-label='{next}']"));
        Assert.NotEmpty(pager.FindAll($"[aria-label='{page2}']"));
    }

    [Fact]
    public void A_key_German_lacks_falls_back_to_MudBlazors_English()
    {
        using var _ = new CultureScope("de-DE");

        Assert.True(new PortalMudLocalizer()["NoSuchMudBlazorKey"].ResourceNotFound);
        Assert.Equal("Zeilen pro Seite:", new PortalMudLocalizer()["MudDataGridPager_RowsPerPage"].Value);
    }

    private static string Placeholders(string text) => string.Join(",", Placeholder().Matches(text).Select(m => m.Value).Order());

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
