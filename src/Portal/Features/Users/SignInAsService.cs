using Portal.Features.Audit;
using Portal.Features.Connection;
using RemotePc;

namespace Portal.Features.Users;

public sealed record SignInAsOutcome(Uri? Link, IReadOnlyList<string> Descriptions, UpstreamProblem Problem, TimeSpan? RetryAfter = null);

/// <summary>
/// Gets a one-time sign-in link for a customer account. The link and the password are returned to the caller once and
/// never stored, logged or audited; the trail records who signed in as whom, why, and the outcome.
/// </summary>
public sealed class SignInAsService(IRemotePcClient client, AuditWriter audit, SignInAsLimiter limiter)
{
    public const int MaxReasonLength = 500;

    public async Task<SignInAsOutcome> SignInAsync(string username, string password, string reason, AuditActor actor, CancellationToken ct = default)
    {
        if (limiter.TryAcquire(actor.Name) is { } wait)
        {
            await audit.WriteAsync(actor, AuditActions.UserSignInAs, username, AuditOutcome.Denied, $"reason: {reason.Trim()}; rate limited", ct);
            return new SignInAsOutcome(null, [], UpstreamProblem.None, wait);
        }
        SignInAsOutcome outcome;
        try
        {
            var link = await client.SignInAsync(username, password, ct);
            outcome = new SignInAsOutcome(link, [], UpstreamProblem.None);
        }
        catch (RemotePcApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.BadRequest)
        {
            outcome = new SignInAsOutcome(null, ex.Descriptions, UpstreamProblem.Rejected);
        }
        catch (RemotePcException ex)
        {
            outcome = new SignInAsOutcome(null, [], UpstreamProblems.Classify(ex));
        }
        var detail = $"reason: {reason.Trim()}" + (outcome.Link is null ? $"; refused: {(outcome.Descriptions.Count > 0 ? string.Join(", ", outcome.Descriptions) : outcome.Problem)}" : "");
        await audit.WriteAsync(actor, AuditActions.UserSignInAs, username, outcome.Link is null ? AuditOutcome.Failure : AuditOutcome.Success, detail, ct);
        return outcome;
    }

    /// <summary>The sentence (also the localizer key) for a documented or observed sign-in refusal.</summary>
    public static string Explain(string description) => description switch
    {
        "USERNAME_DOES_NOT_EXIST" => "RemotePC has no user with this email address.",
        "ACTION_PARENT_ACCOUNT_SUSPENDED" => "The reseller account is suspended at RemotePC, so no customer sign-in is possible.",
        "IP_ADDRESS_BLOCKED" => "RemotePC has blocked this server's IP address for sign-ins.",
        "CANCELLED_ACCOUNT" => "This customer's account has been cancelled.",
        "INVALID_CREDENTIALS" => "The customer's password is wrong.",
        "PASSWORD_REQUIRED" => "Enter the customer's password.",
        "USERNAME_REQUIRED" or "EMAILID_REQUIRED" => "The email address is missing.",
        "INVALID_EMAIL" => "RemotePC does not accept this email address.",
        _ => "RemotePC refused the sign-in: {0}",
    };
}
