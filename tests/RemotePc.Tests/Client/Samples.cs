namespace RemotePc.Tests.Client;

/// <summary>The response examples of the RemotePC spec, verbatim, plus the variants the client must tolerate.</summary>
internal static class Samples
{
    public const string AddSuccess = """{ "status": "OK", "code": 200, "message": "SUCCESS" }""";

    public const string EmailExists = """{ "status": "BAD_REQUEST", "code": 400, "errorsCount": 1, "errors": [{ "description": "EMAIL_EXISTS" }] }""";

    public const string NotAuthorized = """{ "status": "UNAUTHORIZED", "code": 401, "errorsCount": 1, "errors": [{ "description": "NOT_AUTHORIZED" }] }""";

    public const string Forbidden = """{ "status": "Forbidden", "code": 403, "errorsCount": 1, "errors": [{ "description": "Forbidden" }] }""";

    public const string ServerError = """{ "status": "INTERNAL_SERVER_ERROR", "code": 500, "errorsCount": 1, "errors": [{ "description": "INTERNAL_SERVER_ERROR" }] }""";

    public const string TwoErrorsOneUnknown = """{ "status": "BAD_REQUEST", "code": 400, "errorsCount": 2, "errors": [{ "description": "FIRSTNAME_REQUIRED" }, { "description": "WRONG_PASSWORD_SOMETHING_NEW" }] }""";

    public const string InviteSuccess = """
        {
        "status": "OK", "code": 200,
        "message": [
        { "username": "[email protected]", "status": "ALREADY_INVITED" },
        { "username": "[email protected]", "status": "EXISTS" },
        { "username": "[email protected]", "status": "INVITED" }
        ]
        }
        """;

    public const string SignInSuccess = """
        {
        "status": "OK", "code": 200,
        "message": { "rpc_redirect_link": "https://login.remotepc.com/rpcnew/process/autologin/eyJhbGciOiJIUzUxMiJ9" }
        }
        """;

    public const string ListSuccess = """
        {
        "status": "OK", "code": 200,
        "message": { "resellerUsersList": [
        { "alloted_computers": 1, "created_date": "01-13-2023", "isActive": true, "utilized_computers": 0, "username": "[email protected]" },
        { "alloted_computers": 425, "created_date": "01-25-2023", "isActive": true, "utilized_computers": 0, "username": "[email protected]" }
        ]}
        }
        """;
}
