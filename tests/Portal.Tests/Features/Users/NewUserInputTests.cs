using Portal.Features.Users;

namespace Portal.Tests.Features.Users;

/// <summary>The add-user form's own checks (the same rules as upstream) and where upstream's answers land.</summary>
public sealed class NewUserInputTests
{
    private static readonly PasswordRuleOptions Rule = new();

    private static NewUserInput Valid() => new()
    {
        FirstName = "Ann", LastName = "Lee", Email = "ann.lee@example.com", Password = "Secret-pass9", AllottedComputers = 2,
    };

    [Fact]
    public void A_complete_input_has_no_errors() => Assert.Empty(Valid().Validate(Rule));

    [Fact]
    public void An_empty_form_reports_every_required_field_at_once()
    {
        var errors = new NewUserInput().Validate(Rule);

        Assert.Equal(new Dictionary<NewUserField, string>
        {
            [NewUserField.FirstName] = "Enter the first name.",
            [NewUserField.LastName] = "Enter the last name.",
            [NewUserField.Email] = "Enter an email address.",
            [NewUserField.Password] = "Enter a password.",
        }, errors);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("ann@localhost")]
    [InlineData("ann @example.com")]
    [InlineData("Ann <ann@example.com>")]
    [InlineData("a@b@example.com")]
    public void A_malformed_email_is_refused(string email)
    {
        var input = Valid();
        input.Email = email;

        Assert.Equal("Enter a valid email address.", Assert.Single(input.Validate(Rule)).Value);
    }

    [Fact]
    public void Whitespace_around_the_email_is_allowed_because_it_is_trimmed_before_sending()
    {
        var input = Valid();
        input.Email = "  ann.lee@example.com ";

        Assert.Empty(input.Validate(Rule));
    }

    [Theory]
    [InlineData("short1")]           // too short
    [InlineData("onlyletters")]      // no digit
    [InlineData("1234567890")]       // no letter
    public void A_password_the_rule_refuses_is_reported_with_the_rule(string password)
    {
        var input = Valid();
        input.Password = password;

        var error = Assert.Single(input.Validate(Rule));
        Assert.Equal((NewUserField.Password, "PasswordRule"), (error.Key, error.Value));
    }

    [Fact]
    public void The_password_rule_comes_from_configuration()
    {
        var input = Valid();
        input.Password = "abc1";

        Assert.Empty(input.Validate(new PasswordRuleOptions { MinLength = 4 }));
        Assert.NotEmpty(input.Validate(Rule));
        Assert.NotEmpty(new NewUserInput { FirstName = "a", LastName = "b", Email = "a@b.co", Password = new string('a', 64) + "1" }.Validate(Rule));
    }

    [Fact]
    public void Negative_allotted_computers_are_refused_and_zero_is_fine()
    {
        var input = Valid();
        input.AllottedComputers = -1;
        Assert.Equal(NewUserField.AllottedComputers, Assert.Single(input.Validate(Rule)).Key);

        input.AllottedComputers = 0;
        Assert.Empty(input.Validate(Rule));
    }

    [Fact]
    public void Blank_names_count_as_missing()
    {
        var input = Valid();
        input.FirstName = "   ";
        input.LastName = "\t";

        Assert.Equal([NewUserField.FirstName, NewUserField.LastName], input.Validate(Rule).Keys.Order());
    }

    [Fact]
    public void Defaults_are_zero_computers_and_the_welcome_email_on()
    {
        var input = new NewUserInput();

        Assert.Equal((0, true), (input.AllottedComputers, input.SendEmailToUser));
    }

    [Theory]
    [InlineData("EMAIL_EXISTS", NewUserField.Email)]
    [InlineData("EMAILID_REQUIRED", NewUserField.Email)]
    [InlineData("ENTER_VALID_EMAIL", NewUserField.Email)]
    [InlineData("PASSWORD_REQUIRED", NewUserField.Password)]
    [InlineData("INVALID_PASSWORD", NewUserField.Password)]
    [InlineData("FIRSTNAME_REQUIRED", NewUserField.FirstName)]
    [InlineData("LASTNAME_REQUIRED", NewUserField.LastName)]
    [InlineData("INVALID_ALLOTED_COMPUTERS", NewUserField.General)]
    [InlineData("SOMETHING_NEW", NewUserField.General)]
    public void Every_documented_upstream_description_lands_on_its_field(string description, NewUserField field)
    {
        var (actual, message) = NewUserInput.MapUpstream(description);

        Assert.Equal(field, actual);
        Assert.False(string.IsNullOrWhiteSpace(message));
        if (field != NewUserField.General)
        {
            Assert.DoesNotContain("_", message);
        }
    }

    [Fact]
    public void An_unknown_description_is_shown_verbatim_as_a_general_error() =>
        Assert.Equal((NewUserField.General, "SOMETHING_NEW"), NewUserInput.MapUpstream("SOMETHING_NEW"));

    [Fact]
    public void Several_descriptions_at_once_land_on_several_fields()
    {
        var mapped = new[] { "FIRSTNAME_REQUIRED", "EMAIL_EXISTS", "INVALID_PASSWORD" }.Select(NewUserInput.MapUpstream).ToDictionary(m => m.Field, m => m.Message);

        Assert.Equal([NewUserField.FirstName, NewUserField.Email, NewUserField.Password], mapped.Keys);
        Assert.Equal("A RemotePC user with this email address already exists.", mapped[NewUserField.Email]);
        Assert.Equal("RemotePC does not accept this password.", mapped[NewUserField.Password]);
    }
}
