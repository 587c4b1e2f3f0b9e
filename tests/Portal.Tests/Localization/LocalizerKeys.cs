using System.Text.RegularExpressions;
using System.Xml.Linq;
using Portal.Features.Audit;
using Portal.Features.Connection;
using Portal.Features.Invitations;
using Portal.Features.Staff;
using Portal.Features.Users;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Localization;

/// <summary>The keys the portal asks the localizer for, and the keys each resource file holds.</summary>
internal static partial class LocalizerKeys
{
    /// <summary>Every literal key in the portal's .razor and .cs files: L["…"], Text.Get("…") and Text.Format("…", …).</summary>
    public static IEnumerable<string> InSource() =>
        Directory.EnumerateFiles(Path.Combine(Repository.Root, "src", "Portal"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => LocalizerKeyPattern().Matches(File.ReadAllText(f)).Concat(TextKeyPattern().Matches(File.ReadAllText(f)))
                .Select(m => m.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal)))
            .Distinct();

    /// <summary>The sentences built in code (codes, enums, roles) that reach a person through the localizer.</summary>
    public static IEnumerable<string> BuiltInCode() =>
        Enum.GetValues<UpstreamProblem>().Select(UpstreamProblems.Explain)
            .Concat(Enum.GetValues<AuditOutcome>().Select(o => o.ToString()))
            .Concat(StaffRoles.All)
            .Concat([UpstreamCodeText.UnknownCode, EmbeddedSandbox.KeySetter])
            .Concat([InvitationInputParser.TooManyRows, InvitationInputParser.FileTooLarge, InvitationInputParser.NotUtf8, InvitationInputParser.NotCsv, InvitationInputParser.EmptyInput])
            .Concat([InvitationProcessor.NoAnswerForAddress, InvitationProcessor.RefusedAddress])
            .Concat(EveryParserNote())
            .Concat(Enum.GetValues<InvitationRowKind>().Select(InvitationPreview.KindText))
            .Concat(Enum.GetValues<InvitationItemState>().Select(InvitationJobPage.StateText))
            .Concat(Enum.GetValues<InvitationJobStatus>().Select(s => s.ToString()))
            .Concat(new NewUserInput { AllottedComputers = -1 }.Validate(new PasswordRuleOptions()).Values.Where(m => m != "PasswordRule"))
            .Concat([StaffAccountService.LastAdminError, StaffAccountService.UnknownAccountError, StaffAccountService.UnknownRoleError, StaffAccountService.SelfDisableError])
            .Concat(new[] { "USERNAME_DOES_NOT_EXIST", "ACTION_PARENT_ACCOUNT_SUSPENDED", "IP_ADDRESS_BLOCKED", "CANCELLED_ACCOUNT", "INVALID_CREDENTIALS", "UNSEEN_CODE" }.Select(SignInAsService.Explain))
            .Concat(new[] { "EMAIL_EXISTS", "EMAILID_REQUIRED", "ENTER_VALID_EMAIL", "PASSWORD_REQUIRED", "INVALID_PASSWORD", "FIRSTNAME_REQUIRED", "LASTNAME_REQUIRED" }.Select(d => NewUserInput.MapUpstream(d).Message))
            .Distinct();

    // Each note the invitation checker writes: missing, invalid, out of range, duplicate, merged once and twice, known user.
    private static IEnumerable<string> EveryParserNote()
    {
        var input = InvitationInputParser.ReadPaste("a@example.com\na@example.com\nb@example.com\nb@example.com\nb@example.com\nnot-an-address\n,1\nc@example.com, 999\nknown@example.com", 100);
        return InvitationInputParser.Check(input.Rows, 0, 10, e => e == "known@example.com").Select(r => r.Note).OfType<string>().Distinct();
    }

    /// <summary>Key → text of one resource file, read as the file stands in the source tree.</summary>
    public static IReadOnlyDictionary<string, string> InFile(string fileName) =>
        XDocument.Load(Path.Combine(Repository.Root, "src", "Portal", "Localization", fileName)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    [GeneratedRegex("""L\["((?:[^"\\]|\\.)*)"[\],]""")]
    private static partial Regex LocalizerKeyPattern();

    [GeneratedRegex("""Text\.(?:Get|Format)\("((?:[^"\\]|\\.)*)"[),]""")]
    private static partial Regex TextKeyPattern();
}
