namespace RemotePc;

public sealed record NewResellerUser(string FirstName, string LastName, string Email, string Password)
{
    public int AllottedComputers { get; init; }

    // Null leaves the choice to RemotePC (the field is optional on the wire).
    public bool? SendEmailToUser { get; init; }

    // The generated record ToString would print the password into any log that formats this object.
    public override string ToString() => $"NewResellerUser {{ Email = {Email}, AllottedComputers = {AllottedComputers} }}";
}
