namespace Portal.Features.Audit;

/// <summary>The action names the trail records; stable strings, filtered on by the audit page.</summary>
public static class AuditActions
{
    public const string SetupCompleted = "setup.completed";
    public const string StaffSignIn = "staff.signin";
    public const string StaffSignOut = "staff.signout";
    public const string StaffCreated = "staff.created";
    public const string StaffRoleChanged = "staff.role-changed";
    public const string StaffDisabled = "staff.disabled";
    public const string StaffEnabled = "staff.enabled";
    public const string StaffPasswordReset = "staff.password-reset";
    public const string StaffPasswordChanged = "staff.password-changed";
    public const string ResellerKeySet = "reseller-key.set";
    public const string ResellerKeyReplaced = "reseller-key.replaced";
    public const string ResellerKeyTested = "reseller-key.tested";
    public const string UserAdded = "user.added";
    public const string UserSignInAs = "user.signin-as";
    public const string UserListRead = "user-list.read";
    public const string InvitationJobRead = "invitation-job.read";
    public const string InvitationJobCreated = "invitation-job.created";
    public const string InvitationJobFinished = "invitation-job.finished";
    public const string ApiUserCreated = "api-user.created";
    public const string ApiUserExtended = "api-user.extended";
    public const string ApiUserDeleted = "api-user.deleted";
    public const string SessionTokenIssued = "session-token.issued";
}
