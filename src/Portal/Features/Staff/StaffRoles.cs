namespace Portal.Features.Staff;

public static class StaffRoles
{
    public const string Admin = "Admin";
    public const string Operator = "Operator";
    public const string Viewer = "Viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Operator, Viewer];
}

/// <summary>Policy names: every page and endpoint names one of these (or AllowAnonymous) explicitly.</summary>
public static class Policies
{
    /// <summary>Admin only: staff accounts, settings, API users, audit log.</summary>
    public const string Admin = "Admin";

    /// <summary>Admin or Operator: add users, invitations, sign-in-as.</summary>
    public const string Operate = "Operate";

    /// <summary>Any staff role: read-only views.</summary>
    public const string View = "View";
}
