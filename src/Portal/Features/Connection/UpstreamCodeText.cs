using Microsoft.Extensions.Localization;

namespace Portal.Features.Connection;

/// <summary>
/// RemotePC's answer codes (EMAIL_EXISTS, INVITED, …) as staff read them: a sentence in their language, followed by
/// the code itself, so a German screenshot sent to support still names the exact answer.
/// </summary>
public static class UpstreamCodeText
{
    /// <summary>For a code the portal has no sentence for (a sentence with a {0} slot takes the code there).</summary>
    public const string UnknownCode = "RemotePC answered with a code the portal does not know: {0}";

    /// <param name="sentence">The English sentence (localizer key) for the code, or the code itself when there is none.</param>
    public static string Describe(IStringLocalizer localizer, string sentence, string code)
    {
        if (sentence == code)
        {
            return localizer[UnknownCode, code];
        }
        return sentence.Contains("{0}", StringComparison.Ordinal) ? localizer[sentence, code] : $"{localizer[sentence]} ({code})";
    }
}
