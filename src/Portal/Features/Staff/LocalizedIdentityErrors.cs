using Microsoft.AspNetCore.Identity;
using Portal.Localization;

namespace Portal.Features.Staff;

/// <summary>Identity's messages that staff actually meet (passwords, duplicate accounts), through the portal's resources.</summary>
internal sealed class LocalizedIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = Text.Format("The password must be at least {0} characters long.", length) };

    public override IdentityError PasswordRequiresDigit() =>
        new() { Code = nameof(PasswordRequiresDigit), Description = Text.Get("The password needs at least one digit.") };

    public override IdentityError PasswordRequiresLower() =>
        new() { Code = nameof(PasswordRequiresLower), Description = Text.Get("The password needs at least one lowercase letter.") };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = Text.Get("The current password is wrong.") };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = Text.Format("A staff account with the email {0} already exists.", email) };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = Text.Format("A staff account with the email {0} already exists.", userName) };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = Text.Get("Enter a valid email address.") };

    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = Text.Get("Enter a valid email address.") };
}
