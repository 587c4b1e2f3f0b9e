namespace RemotePc.Sandbox.Api;

/// <summary>Descriptions as RemotePC spells them; the ones marked "sandbox" are undocumented upstream.</summary>
internal static class ErrorCodes
{
    public const string NotAuthorized = "NOT_AUTHORIZED";
    public const string UnauthorizedAccess = "UNAUTHORIZED_ACCESS";
    public const string Forbidden = "Forbidden";
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";

    public const string EmailExists = "EMAIL_EXISTS";
    public const string FirstNameRequired = "FIRSTNAME_REQUIRED";
    public const string LastNameRequired = "LASTNAME_REQUIRED";
    public const string EmailIdRequired = "EMAILID_REQUIRED";
    public const string EnterValidEmail = "ENTER_VALID_EMAIL";
    public const string PasswordRequired = "PASSWORD_REQUIRED";
    public const string InvalidPassword = "INVALID_PASSWORD";

    public const string UsernameDoesNotExist = "USERNAME_DOES_NOT_EXIST";
    public const string ParentAccountSuspended = "ACTION_PARENT_ACCOUNT_SUSPENDED";
    public const string IpAddressBlocked = "IP_ADDRESS_BLOCKED";
    public const string CancelledAccount = "CANCELLED_ACCOUNT";
    public const string InvalidEmail = "INVALID_EMAIL";
    public const string UsernameRequired = "USERNAME_REQUIRED";

    // sandbox: undocumented upstream
    public const string InvalidCredentials = "INVALID_CREDENTIALS";
    public const string InvalidAllotedComputers = "INVALID_ALLOTED_COMPUTERS";
    public const string InvalidJson = "INVALID_JSON";
    public const string InvalidContentType = "INVALID_CONTENT_TYPE";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string NotFound = "NOT_FOUND";
}
