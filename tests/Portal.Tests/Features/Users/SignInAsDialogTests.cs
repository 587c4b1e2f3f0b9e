using System.Net;
using AngleSharp.Dom;
using Bunit;
using MudBlazor;
using Portal.Features.Audit;
using Portal.Features.Staff;
using Portal.Features.Users;
using RemotePc;

namespace Portal.Tests.Features.Users;

/// <summary>The sign-in-as dialog over a scripted client and a scripted signin-tab.js module.</summary>
public sealed class SignInAsDialogTests : UsersTestContext
{
    private const string Customer = "customer@example.com";
    private static readonly Uri Link = new("http://sandbox.test/autologin/secret-token-123");

    private readonly BunitJSModuleInterop _tab;

    public SignInAsDialogTests()
    {
        _tab = JSInterop.SetupModule("./js/signin-tab.js");
        _tab.SetupVoid("prepare", _ => true).SetVoidResult();
        _tab.SetupVoid("cancel").SetVoidResult();
        Client.OnSignIn = (_, _) => Task.FromResult(Link);
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Dialog, IDialogReference Reference)> OpenAsync(string role = StaffRoles.Operator)
    {
        SignInAs(role);
        return await OpenDialogAsync<SignInAsDialog>(new DialogParameters<SignInAsDialog> { { d => d.Username, Customer } });
    }

    private static void Submit(IRenderedComponent<MudDialogProvider> dialog) => dialog.Find("[data-testid=signin-submit]").Click();

    private static string FieldText(IRenderedComponent<MudDialogProvider> dialog, string testId) =>
        dialog.Find($"[data-testid={testId}]").Closest(".mud-input-control")!.TextContent;

    [Fact]
    public async Task A_reason_is_required_and_nothing_is_sent_without_one()
    {
        var (dialog, _) = await OpenAsync();
        dialog.Find("input[data-testid=signin-password]").Input(SandboxPassword);
        dialog.Find("textarea[data-testid=signin-reason]").Input("   ");

        Submit(dialog);

        Assert.Contains("Give a reason: it is recorded with the sign-in.", FieldText(dialog, "signin-reason"));
        Assert.Equal(0, Client.SignInCalls);
        Assert.Empty(AuditRows());
    }

    [Fact]
    public async Task The_customers_password_is_required()
    {
        var (dialog, _) = await OpenAsync();
        dialog.Find("textarea[data-testid=signin-reason]").Input("Ticket 42");

        Submit(dialog);

        Assert.Contains("Enter the customer's password.", dialog.Find("[data-testid=signin-error]").TextContent);
        Assert.Equal(0, Client.SignInCalls);
    }

    private const string SandboxPassword = "Demo-pass1";

    [Fact]
    public async Task Success_sends_the_tab_to_the_link_and_closes_without_keeping_the_secrets()
    {
        var navigate = _tab.Setup<bool>("navigate", _ => true);
        navigate.SetResult(true);
        var (dialog, reference) = await OpenAsync();
        dialog.Find("input[data-testid=signin-password]").Input(SandboxPassword);
        dialog.Find("textarea[data-testid=signin-reason]").Input("Ticket 42: cannot see a computer");

        Submit(dialog);

        var result = await reference.Result.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(result!.Canceled);
        Assert.Equal(Link.ToString(), Assert.Single(navigate.Invocations).Arguments[0]);
        var audit = Assert.Single(AuditRows());
        Assert.Equal((AuditActions.UserSignInAs, Customer, AuditOutcome.Success, "reason: Ticket 42: cannot see a computer"), (audit.Action, audit.Target, audit.Outcome, audit.Detail));
        Assert.DoesNotContain(SandboxPassword, audit.Detail);
        Assert.DoesNotContain("secret-token", audit.Detail);
    }

    [Fact]
    public async Task When_the_browser_blocked_the_tab_the_link_is_offered_in_the_dialog()
    {
        _tab.Setup<bool>("navigate", _ => true).SetResult(false);
        var (dialog, reference) = await OpenAsync();
        dialog.Find("input[data-testid=signin-password]").Input(SandboxPassword);
        dialog.Find("textarea[data-testid=signin-reason]").Input("Ticket 42");

        Submit(dialog);

        var fallback = dialog.WaitForElement("[data-testid=signin-fallback] a");
        Assert.Equal(Link.ToString(), fallback.GetAttribute("href"));
        Assert.Contains("noopener", fallback.GetAttribute("rel"));
        Assert.False(reference.Result.IsCompleted);
    }

    [Theory]
    [InlineData("USERNAME_DOES_NOT_EXIST", "RemotePC has no user with this email address.")]
    [InlineData("ACTION_PARENT_ACCOUNT_SUSPENDED", "The reseller account is suspended at RemotePC")]
    [InlineData("IP_ADDRESS_BLOCKED", "RemotePC has blocked this server's IP address")]
    [InlineData("CANCELLED_ACCOUNT", "This customer's account has been cancelled.")]
    [InlineData("INVALID_CREDENTIALS", "The customer's password is wrong.")]
    [InlineData("SOMETHING_NEW", "RemotePC refused the sign-in: SOMETHING_NEW")]
    public async Task Every_sign_in_refusal_is_shown_in_words_and_the_prepared_tab_is_closed(string description, string words)
    {
        Client.OnSignIn = (_, _) => throw new RemotePcApiException(HttpStatusCode.BadRequest, "BAD_REQUEST", [description]);
        var (dialog, _) = await OpenAsync();
        dialog.Find("input[data-testid=signin-password]").Input("wrong-pass1");
        dialog.Find("textarea[data-testid=signin-reason]").Input("Ticket 42");

        Submit(dialog);

        dialog.WaitForAssertion(() => Assert.Contains(words, dialog.Find("[data-testid=signin-error]").TextContent));
        Assert.Contains(description, dialog.Find("[data-testid=signin-error]").TextContent);
        Assert.Contains(_tab.Invocations, i => i.Identifier == "cancel");
        Assert.Equal("", dialog.Find("input[data-testid=signin-password]").GetAttribute("value") ?? "");
        var audit = Assert.Single(AuditRows());
        Assert.Equal((AuditOutcome.Failure, $"reason: Ticket 42; refused: {description}"), (audit.Outcome, audit.Detail));
    }

    [Fact]
    public async Task A_viewer_who_reaches_the_dialog_is_refused_and_nothing_is_sent()
    {
        var (dialog, _) = await OpenAsync(StaffRoles.Viewer);
        dialog.Find("input[data-testid=signin-password]").Input(SandboxPassword);
        dialog.Find("textarea[data-testid=signin-reason]").Input("Ticket 42");

        Submit(dialog);

        dialog.WaitForAssertion(() => Assert.Contains("Your role does not allow this.", dialog.Find("[data-testid=signin-error]").TextContent));
        Assert.Equal(0, Client.SignInCalls);
    }
}
