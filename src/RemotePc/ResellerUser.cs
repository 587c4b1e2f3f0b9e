namespace RemotePc;

public sealed record ResellerUser(string Username, int AllottedComputers, int UtilizedComputers, bool IsActive, DateOnly? Created);
