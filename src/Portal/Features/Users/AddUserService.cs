using Portal.Features.Audit;
using Portal.Features.Connection;
using RemotePc;

namespace Portal.Features.Users;

public enum AddUserResult
{
    Added,
    Rejected,
    OutcomeUnknown,
    Failed,
}

public sealed record AddUserOutcome(AddUserResult Result, IReadOnlyList<string> Descriptions, UpstreamProblem Problem);

/// <summary>Adds a RemotePC user (one request, never repeated by the pipeline) and records it in the audit trail.</summary>
public sealed class AddUserService(IRemotePcClient client, ResellerUserCache cache, AuditWriter audit)
{
    public async Task<AddUserOutcome> AddAsync(NewUserInput input, AuditActor actor, CancellationToken ct = default)
    {
        var email = input.Email.Trim();
        var user = new NewResellerUser(input.FirstName.Trim(), input.LastName.Trim(), email, input.Password)
        {
            AllottedComputers = input.AllottedComputers,
            SendEmailToUser = input.SendEmailToUser,
        };
        AddUserOutcome outcome;
        try
        {
            await client.AddUserAsync(user, ct);
            outcome = new AddUserOutcome(AddUserResult.Added, [], UpstreamProblem.None);
        }
        catch (RemotePcApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.BadRequest)
        {
            outcome = new AddUserOutcome(AddUserResult.Rejected, ex.Descriptions, UpstreamProblem.Rejected);
        }
        catch (RemotePcTransportException ex) when (ex.OutcomeUnknown)
        {
            outcome = new AddUserOutcome(AddUserResult.OutcomeUnknown, [], UpstreamProblems.Classify(ex));
        }
        catch (RemotePcException ex)
        {
            outcome = new AddUserOutcome(AddUserResult.Failed, [], UpstreamProblems.Classify(ex));
        }
        await audit.WriteAsync(actor, AuditActions.UserAdded, email,
            outcome.Result == AddUserResult.Added ? AuditOutcome.Success : AuditOutcome.Failure,
            outcome.Result switch
            {
                AddUserResult.Added => $"allotted {input.AllottedComputers}",
                AddUserResult.Rejected => string.Join(", ", outcome.Descriptions),
                _ => $"{outcome.Result}: {outcome.Problem}",
            }, ct);
        return outcome;
    }

    /// <summary>After an unknown outcome: fetch a fresh list and say whether the address is a user now.</summary>
    public async Task<bool?> ExistsInFreshListAsync(string email)
    {
        var status = await cache.RefreshAsync();
        return status.Problem == UpstreamProblem.None && status.Snapshot is { } snapshot ? snapshot.Contains(email.Trim()) : null;
    }
}
