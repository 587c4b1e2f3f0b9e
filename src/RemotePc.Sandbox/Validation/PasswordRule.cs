namespace RemotePc.Sandbox.Validation;

internal static class PasswordRule
{
    public static bool IsSatisfiedBy(string password, PasswordRuleOptions rule) =>
        password.Length >= rule.MinLength
        && password.Length <= rule.MaxLength
        && (!rule.RequireLetter || password.Any(char.IsLetter))
        && (!rule.RequireDigit || password.Any(char.IsDigit));
}
