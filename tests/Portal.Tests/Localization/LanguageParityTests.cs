namespace Portal.Tests.Localization;

/// <summary>English and German are complete: both resource files hold the same keys, and every key the portal uses is in them.</summary>
public sealed class LanguageParityTests
{
    private static readonly IReadOnlyDictionary<string, string> English = LocalizerKeys.InFile("SharedResource.resx");
    private static readonly IReadOnlyDictionary<string, string> German = LocalizerKeys.InFile("SharedResource.de.resx");

    [Fact]
    public void Every_English_key_has_a_German_text_and_every_German_key_an_English_one()
    {
        var onlyEnglish = English.Keys.Except(German.Keys).Order(StringComparer.Ordinal).ToArray();
        var onlyGerman = German.Keys.Except(English.Keys).Order(StringComparer.Ordinal).ToArray();

        Assert.True(onlyEnglish.Length == 0 && onlyGerman.Length == 0,
            "Only in SharedResource.resx:\n" + string.Join("\n", onlyEnglish) + "\nOnly in SharedResource.de.resx:\n" + string.Join("\n", onlyGerman));
    }

    [Fact]
    public void Every_key_the_portal_uses_is_in_the_resource_files()
    {
        var missing = LocalizerKeys.InSource().Concat(LocalizerKeys.BuiltInCode()).Distinct()
            .Where(key => !English.ContainsKey(key) || !German.ContainsKey(key)).Order(StringComparer.Ordinal).ToArray();

        Assert.True(missing.Length == 0, "Used but not in both resource files:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void The_English_text_is_the_key()
    {
        // The convention that lets a missing entry still read as English: an English text that drifts from its key
        // would show one wording in English and translate another.
        var drifted = English.Where(e => e.Key != e.Value).Select(e => e.Key).ToArray();

        Assert.True(drifted.Length == 0, "English text differs from its key:\n" + string.Join("\n", drifted));
    }

    [Fact]
    public void No_German_text_is_empty()
    {
        var empty = German.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key).ToArray();

        Assert.True(empty.Length == 0, "Empty German text:\n" + string.Join("\n", empty));
    }
}
