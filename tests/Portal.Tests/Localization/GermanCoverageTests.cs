using System.Globalization;
using System.Text.RegularExpressions;
using Portal.Features.Staff;
using Portal.Localization;

namespace Portal.Tests.Localization;

/// <summary>Every text a person reads has a German translation: the literal L["..."] keys and the sentences built in code.</summary>
public sealed partial class GermanCoverageTests
{
    private static readonly System.Resources.ResourceManager Resources = new(typeof(SharedResource).FullName!, typeof(SharedResource).Assembly);

    [Fact]
    public void Every_literal_localizer_key_in_the_portal_has_a_German_text()
    {
        var missing = LocalizerKeys.InSource().Where(key => German(key) is null).Order().ToArray();

        Assert.True(missing.Length == 0, "No German text for:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Sentences_built_in_code_have_German_texts()
    {
        var missing = LocalizerKeys.BuiltInCode().Where(key => German(key) is null).ToArray();

        Assert.True(missing.Length == 0, "No German text for:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Identity_messages_staff_meet_are_German_in_German()
    {
        var describer = new LocalizedIdentityErrors();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de");
        try
        {
            Assert.Equal("Das Passwort muss mindestens 10 Zeichen lang sein.", describer.PasswordTooShort(10).Description);
            Assert.Equal("Das aktuelle Passwort ist falsch.", describer.PasswordMismatch().Description);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Theory]
    [InlineData("en")]
    [InlineData("en-US")]
    [InlineData("fr")]
    public void Outside_German_the_English_key_is_the_text(string culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            Assert.Equal("Enter a valid email address.", ValidationText.EmailInvalid);
            Assert.Equal("The password must be at least 10 characters long.", new LocalizedIdentityErrors().PasswordTooShort(10).Description);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void A_German_text_keeps_the_placeholders_of_its_English_key()
    {
        var broken = LocalizerKeys.InSource().Where(key => German(key) is { } de && Placeholders(key) != Placeholders(de)).ToArray();

        Assert.True(broken.Length == 0, "Placeholders differ for:\n" + string.Join("\n", broken));
    }

    // The German satellite alone: through the ResourceManager's fallback every key would find its English text.
    private static readonly System.Resources.ResourceSet GermanSet = Resources.GetResourceSet(CultureInfo.GetCultureInfo("de"), createIfNotExists: true, tryParents: false)!;

    private static string? German(string key) => GermanSet.GetString(key);

    private static string Placeholders(string text) => string.Join(",", PlaceholderPattern().Matches(text).Select(m => m.Value).Order());

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
