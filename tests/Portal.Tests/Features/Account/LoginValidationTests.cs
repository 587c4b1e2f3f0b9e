using System.Net;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Account;

public sealed class LoginValidationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("en", "Enter an email address.", "Enter a password.")]
    [InlineData("de", "Geben Sie eine E-Mail-Adresse ein.", "Geben Sie ein Passwort ein.")]
    public async Task An_empty_sign_in_form_names_each_missing_field_in_the_staff_members_language(string language, string email, string password)
    {
        var client = factory.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        using var response = await client.PostFormAsync("/account/login", "login", LoginForm.Fields("", ""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var messages = (await response.ReadHtmlAsync()).QuerySelectorAll(".field-error").Select(e => e.TextContent.Trim()).ToArray();
        Assert.Contains(email, messages);
        Assert.Contains(password, messages);
    }
}
