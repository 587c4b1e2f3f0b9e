using Portal.Common;

namespace Portal.Features.Users;

public enum NewUserField
{
    FirstName,
    LastName,
    Email,
    Password,
    AllottedComputers,
    General,
}

/// <summary>The add-user form, and the same checks RemotePC applies, run before anything is sent.</summary>
public sealed class NewUserInput
{
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
    public int AllottedComputers { get; set; }
    public bool SendEmailToUser { get; set; } = true;

    /// <summary>Field → English message (also the localizer key); empty when the input may be sent.</summary>
    public Dictionary<NewUserField, string> Validate(PasswordRuleOptions rule)
    {
        var errors = new Dictionary<NewUserField, string>();
        if (string.IsNullOrWhiteSpace(FirstName))
        {
            errors[NewUserField.FirstName] = "Enter the first name.";
        }
        if (string.IsNullOrWhiteSpace(LastName))
        {
            errors[NewUserField.LastName] = "Enter the last name.";
        }
        if (string.IsNullOrWhiteSpace(Email))
        {
            errors[NewUserField.Email] = "Enter an email address.";
        }
        else if (!EmailAddressRule.IsValid(Email.Trim()))
        {
            errors[NewUserField.Email] = "Enter a valid email address.";
        }
        if (string.IsNullOrEmpty(Password))
        {
            errors[NewUserField.Password] = "Enter a password.";
        }
        else if (!rule.Allows(Password))
        {
            errors[NewUserField.Password] = "PasswordRule";
        }
        if (AllottedComputers < 0)
        {
            errors[NewUserField.AllottedComputers] = "Allotted computers cannot be negative.";
        }
        return errors;
    }

    /// <summary>Where an upstream description belongs in the form, and what it says there.</summary>
    public static (NewUserField Field, string Message) MapUpstream(string description) => description switch
    {
        "EMAIL_EXISTS" => (NewUserField.Email, "A RemotePC user with this email address already exists."),
        "EMAILID_REQUIRED" => (NewUserField.Email, "Enter an email address."),
        "ENTER_VALID_EMAIL" => (NewUserField.Email, "RemotePC does not accept this email address."),
        "PASSWORD_REQUIRED" => (NewUserField.Password, "Enter a password."),
        "INVALID_PASSWORD" => (NewUserField.Password, "RemotePC does not accept this password."),
        "FIRSTNAME_REQUIRED" => (NewUserField.FirstName, "Enter the first name."),
        "LASTNAME_REQUIRED" => (NewUserField.LastName, "Enter the last name."),
        _ => (NewUserField.General, description),
    };
}
