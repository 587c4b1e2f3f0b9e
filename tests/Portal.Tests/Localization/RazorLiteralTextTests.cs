using System.Text.RegularExpressions;

using Portal.Tests.Infrastructure;

namespace Portal.Tests.Localization;

/// <summary>No .razor file shows a person text that bypasses the localizer.</summary>
public sealed partial class RazorLiteralTextTests
{
    // Deliberately not translated: each language's name is written in that language, so a reader finds their own;
    // the setup code's input mask is the shape of the code the log prints, the same in every language.
    private static readonly HashSet<string> AllowList = ["English", "Deutsch", "placeholder=\"XXXX-XXXX-XXXX\""];

    [Fact]
    public void No_razor_file_has_user_facing_text_outside_the_localizer()
    {
        var offenders = RazorFiles()
            .SelectMany(f => RazorMarkupText.Literals(File.ReadAllText(f)).Where(t => !AllowList.Contains(t)).Select(t => $"{Relative(f)}: {t}"))
            .ToArray();

        Assert.True(offenders.Length == 0, "Literal text outside the localizer:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Snackbars_and_dialog_titles_are_never_literal_strings()
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(Repository.Root, "src", "Portal"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => LiteralMessageCall().Matches(File.ReadAllText(f)).Select(m => $"{Relative(f)}: {m.Value}"))
            .ToArray();

        Assert.True(offenders.Length == 0, "Literal message text:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Validation_attributes_on_forms_take_their_messages_from_the_resources()
    {
        // Without ErrorMessageResourceType a data annotation answers with .NET's built-in English in every language.
        var offenders = RazorFiles()
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => ValidationAttribute().IsMatch(x.line) && !x.line.Contains("ErrorMessageResourceType", StringComparison.Ordinal))
            .Select(x => $"{Relative(x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToArray();

        Assert.True(offenders.Length == 0, "Validation message not from the resources:\n" + string.Join("\n", offenders));
    }

    // The scanner itself: a test that cannot fail proves nothing, so it must catch each kind of literal it looks for.
    [Theory]
    [InlineData("<MudText>Users</MudText>", "Users")]
    [InlineData("<MudButton OnClick=\"Save\">@L[\"Save\"] now</MudButton>", "now")]
    [InlineData("<MudTextField Label=\"Email\" @bind-Value=\"_model.Email\" />", "Label=\"Email\"")]
    [InlineData("<MudIconButton aria-label=\"Close\" />", "aria-label=\"Close\"")]
    [InlineData("<img alt=\"Logo\" src=\"x.png\" />", "alt=\"Logo\"")]
    [InlineData("@if (x)\n{\n    <span>Nothing here</span>\n}\nelse\n{\n    <span>@L[\"Fine\"]</span>\n}", "Nothing here")]
    [InlineData("<MudTooltip Text=\"@(_on ? L[\"A\"] : L[\"B\"]) more\" />", "Text=\"more\"")]
    [InlineData("@code {\n    // The browser's check.\n    private int _n;\n}\n<span>Users</span>", "Users")]
    public void The_scanner_finds_literal_text(string razor, string expected) =>
        Assert.Equal([expected], RazorMarkupText.Literals(razor));

    [Theory]
    [InlineData("<MudText Typo=\"Typo.h6\">@L[\"Users\"]</MudText>")]
    [InlineData("<MudTextField Label=\"@L[\"Email\"]\" HelperText=\"@L[\"We never share it.\"]\" />")]
    [InlineData("<span>@context.Item.Username</span> <span>@(u.A ?? \"–\")</span> <b>@x.ToString(\"N0\", c)</b>")]
    [InlineData("@code {\n    private string _title = \"Not markup\";\n}")]
    [InlineData("@* A comment *@<!-- markup comment --><span>&nbsp;·&nbsp;</span>")]
    [InlineData("<MudButton OnClick=\"() => Go(new Q { Size = 5 })\" Href=\"/users?over=1\">@L[\"Go\"]</MudButton>")]
    [InlineData("@foreach (var s in new[] { 25, 50 })\n{\n    <MudSelectItem Value=\"s\">@s</MudSelectItem>\n}")]
    [InlineData("@switch (x)\n{\n    case A.B:\n        <span>@L[\"x\"]</span>\n        break;\n    default:\n        break;\n}")]
    [InlineData("@foreach (var k in ks)\n{\n    var count = Rows.Count(r => r.Kind == k);\n    if (count > 0)\n    {\n        <b>@count</b>\n    }\n}")]
    public void The_scanner_passes_localized_markup(string razor) =>
        Assert.Empty(RazorMarkupText.Literals(razor));

    private static IEnumerable<string> RazorFiles() =>
        Directory.EnumerateFiles(Path.Combine(Repository.Root, "src"), "*.razor", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string Relative(string path) => Path.GetRelativePath(Repository.Root, path);

    [GeneratedRegex(@"^\s*\[(Required|EmailAddress|StringLength|Compare|Range|MaxLength|MinLength|RegularExpression|Phone|Url)\b")]
    private static partial Regex ValidationAttribute();

    // Snackbar.Add("…"), ShowMessageBoxAsync("…") and ShowAsync<T>("…") with a string literal as the text.
    [GeneratedRegex("""(Snackbar\.Add|ShowMessageBoxAsync|ShowAsync<\w+>)\(\s*\$?"[^"]*\p{L}[^"]*""")]
    private static partial Regex LiteralMessageCall();
}
