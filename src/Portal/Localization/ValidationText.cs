namespace Portal.Localization;

/// <summary>Data-annotation messages, localized per request: use with ErrorMessageResourceType = typeof(ValidationText).</summary>
public static class ValidationText
{
    public static string EmailRequired => Text.Get("Enter an email address.");
    public static string EmailInvalid => Text.Get("Enter a valid email address.");
    public static string PasswordRequired => Text.Get("Enter a password.");
    public static string PasswordLength => Text.Get("The password must be 10 to 128 characters long.");
    public static string PasswordsDiffer => Text.Get("The two passwords do not match.");
    public static string NameRequired => Text.Get("Enter a name.");
    public static string NameLength => Text.Get("The name can be at most 100 characters long.");
    public static string SetupCodeRequired => Text.Get("Enter the setup code from the log.");
}
