using System.Net;
using AngleSharp.Dom;
using Bunit;
using MudBlazor;
using Portal.Features.Audit;
using Portal.Features.Staff;
using Portal.Features.Users;
using RemotePc;

namespace Portal.Tests.Features.Users;

/// <summary>The add-user dialog over a scripted client: client-side rules, upstream error mapping, one request per click.</summary>
public sealed class AddUserDialogTests : UsersTestContext
{
    private const string Email = "new.user@example.com";

    private async Task<(IRenderedComponent<MudDialogProvider> Dialog, IDialogReference Reference)> OpenAsync(string role = StaffRoles.Operator)
    {
        SignInAs(role);
        return await OpenDialogAsync<AddUserDialog>();
    }

    private static void Fill(IRenderedComponent<MudDialogProvider> dialog, string email = Email, string password = "Secret-pass9")
    {
        dialog.Find("input[data-testid=add-first]").Change("Ann");
        dialog.Find("input[data-testid=add-last]").Change("Lee");
        dialog.Find("input[data-testid=add-email]").Change(email);
        dialog.Find("input[data-testid=add-password]").Change(password);
        dialog.Find("input[data-testid=add-allotted]").Change("3");
    }

    /// <summary>The text shown under one field (MudBlazor's helper/error line of that input).</summary>
    private static string FieldText(IRenderedComponent<MudDialogProvider> dialog, string testId) =>
        dialog.Find($"input[data-testid={testId}]").Closest(".mud-input-control")!.TextContent;

    private static bool FieldInError(IRenderedComponent<MudDialogProvider> dialog, string testId) =>
        dialog.Find($"input[data-testid={testId}]").Closest(".mud-input-control")!.QuerySelector(".mud-input-error") is not null;

    private static void Submit(IRenderedComponent<MudDialogProvider> dialog) => dialog.Find("[data-testid=add-submit]").Click();

    [Fact]
    public async Task An_empty_form_shows_every_error_and_sends_nothing()
    {
        var (dialog, _) = await OpenAsync();

        Submit(dialog);

        Assert.Contains("Enter the first name.", FieldText(dialog, "add-first"));
        Assert.Contains("Enter the last name.", FieldText(dialog, "add-last"));
        Assert.Contains("Enter an email address.", FieldText(dialog, "add-email"));
        Assert.Contains("Enter a password.", FieldText(dialog, "add-password"));
        Assert.Equal(0, Client.AddCalls);
        Assert.Empty(AuditRows());
    }

    [Fact]
    public async Task A_bad_email_and_a_weak_password_are_caught_before_sending()
    {
        var (dialog, _) = await OpenAsync();
        Fill(dialog, email: "not-an-address", password: "short");

        Submit(dialog);

        Assert.Contains("Enter a valid email address.", FieldText(dialog, "add-email"));
        Assert.True(FieldInError(dialog, "add-password"));
        Assert.Contains("8 to 64 characters with at least one letter and one digit.", FieldText(dialog, "add-password"));
        Assert.False(FieldInError(dialog, "add-first"));
        Assert.Equal(0, Client.AddCalls);
    }

    [Fact]
    public async Task Email_exists_and_invalid_password_from_upstream_are_shown_on_both_fields_at_once()
    {
        Client.OnAdd = _ => throw new RemotePcApiException(HttpStatusCode.BadRequest, "BAD_REQUEST", ["EMAIL_EXISTS", "INVALID_PASSWORD"]);
        var (dialog, reference) = await OpenAsync();
        Fill(dialog);

        Submit(dialog);

        dialog.WaitForAssertion(() =>
        {
            Assert.Contains("A RemotePC user with this email address already exists.", FieldText(dialog, "add-email"));
            Assert.Contains("RemotePC does not accept this password.", FieldText(dialog, "add-password"));
        });
        Assert.True(FieldInError(dialog, "add-email"));
        Assert.True(FieldInError(dialog, "add-password"));
        Assert.False(FieldInError(dialog, "add-first"));
        Assert.False(reference.Result.IsCompleted);
        Assert.Equal(1, Client.AddCalls);
        var audit = Assert.Single(AuditRows());
        Assert.Equal((AuditActions.UserAdded, Email, AuditOutcome.Failure, "EMAIL_EXISTS, INVALID_PASSWORD"), (audit.Action, audit.Target, audit.Outcome, audit.Detail));
    }

    [Fact]
    public async Task In_German_an_upstream_code_is_a_German_sentence_that_still_names_the_code()
    {
        using var culture = new Portal.Tests.Infrastructure.CultureScope("de-DE");
        Client.OnAdd = _ => throw new RemotePcApiException(HttpStatusCode.BadRequest, "BAD_REQUEST", ["EMAIL_EXISTS"]);
        var (dialog, _) = await OpenAsync();
        Fill(dialog);

        Submit(dialog);

        dialog.WaitForAssertion(() =>
            Assert.Contains("Ein RemotePC-Benutzer mit dieser E-Mail-Adresse existiert bereits. (EMAIL_EXISTS)", FieldText(dialog, "add-email")));
    }

    [Fact]
    public async Task An_unknown_upstream_description_is_shown_as_a_general_error()
    {
        Client.OnAdd = _ => throw new RemotePcApiException(HttpStatusCode.BadRequest, "BAD_REQUEST", ["INVALID_ALLOTED_COMPUTERS"]);
        var (dialog, _) = await OpenAsync();
        Fill(dialog);

        Submit(dialog);

        dialog.WaitForAssertion(() => Assert.Contains("RemotePC answered with a code the portal does not know: INVALID_ALLOTED_COMPUTERS",
            dialog.Find("[data-testid=add-user-error]").TextContent));
    }

    [Fact]
    public async Task Success_closes_the_dialog_with_the_trimmed_email_and_sends_every_field()
    {
        var (dialog, reference) = await OpenAsync();
        Fill(dialog, email: "  " + Email + " ");
        dialog.Find("[data-testid=add-send-email] input, input[data-testid=add-send-email]").Change(false);

        Submit(dialog);

        var result = await reference.Result.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(result!.Canceled);
        Assert.Equal(Email, result.Data);
        var sent = Assert.Single(Client.Added);
        Assert.Equal(("Ann", "Lee", Email, "Secret-pass9", 3, (bool?)false), (sent.FirstName, sent.LastName, sent.Email, sent.Password, sent.AllottedComputers, sent.SendEmailToUser));
        var audit = Assert.Single(AuditRows());
        Assert.Equal((AuditOutcome.Success, "allotted 3", "staff@portal.test"), (audit.Outcome, audit.Detail, audit.Actor));
        Assert.DoesNotContain("Secret-pass9", audit.Detail);
    }

    [Fact]
    public async Task A_double_click_sends_one_request()
    {
        var answer = new TaskCompletionSource();
        Client.OnAdd = _ => answer.Task;
        var (dialog, reference) = await OpenAsync();
        Fill(dialog);
        var button = dialog.Find("[data-testid=add-submit]");

        // Both clicks are dispatched before the first one's answer, as a fast double click on a slow link would be.
        var first = button.ClickAsync(new());
        var second = button.ClickAsync(new());
        answer.SetResult();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(1, Client.AddCalls);
        Assert.False((await reference.Result.WaitAsync(TimeSpan.FromSeconds(5)))!.Canceled);
    }

    [Fact]
    public async Task While_the_request_runs_the_submit_button_is_disabled()
    {
        var answer = new TaskCompletionSource();
        Client.OnAdd = _ => answer.Task;
        var (dialog, _) = await OpenAsync();
        Fill(dialog);

        var click = dialog.Find("[data-testid=add-submit]").ClickAsync(new());

        dialog.WaitForAssertion(() => Assert.True(dialog.Find("[data-testid=add-submit]").HasAttribute("disabled")));
        answer.SetResult();
        await click;
    }

    [Fact]
    public async Task A_timeout_after_sending_says_the_outcome_is_unknown_and_blocks_sending_again()
    {
        Client.OnAdd = _ => throw new RemotePcTransportException(TransportFailureKind.Timeout, outcomeUnknown: true);
        var (dialog, _) = await OpenAsync();
        Fill(dialog);

        Submit(dialog);

        dialog.WaitForAssertion(() => Assert.Contains("may or may not exist", dialog.Find("[data-testid=add-user-unknown]").TextContent));
        Assert.True(dialog.Find("[data-testid=add-submit]").HasAttribute("disabled"));
        Assert.NotNull(dialog.Find("[data-testid=add-user-lookup]"));
        Assert.Equal(1, Client.AddCalls);
    }

    [Fact]
    public async Task The_lookup_finds_the_user_in_a_fresh_list_and_closes_as_added()
    {
        Client.OnAdd = _ => throw new RemotePcTransportException(TransportFailureKind.Timeout, outcomeUnknown: true);
        Client.OnList = () => Task.FromResult(new UserListResult([new ResellerUser("NEW.user@example.com", 3, 0, true, null)], 0));
        var (dialog, reference) = await OpenAsync();
        Fill(dialog);
        Submit(dialog);
        dialog.WaitForElement("[data-testid=add-user-lookup]");

        dialog.Find("[data-testid=add-user-lookup]").Click();

        var result = await reference.Result.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(Email, result!.Data);
        Assert.Equal((1, 1), (Client.AddCalls, Client.ListCalls));
    }

    [Fact]
    public async Task The_lookup_that_does_not_find_the_user_allows_sending_again()
    {
        Client.OnAdd = _ => throw new RemotePcTransportException(TransportFailureKind.Timeout, outcomeUnknown: true);
        var (dialog, _) = await OpenAsync();
        Fill(dialog);
        Submit(dialog);
        dialog.WaitForElement("[data-testid=add-user-lookup]");

        dialog.Find("[data-testid=add-user-lookup]").Click();

        dialog.WaitForAssertion(() => Assert.Contains("the user was not created", dialog.Find("[data-testid=add-user-error]").TextContent));
        Assert.Empty(dialog.FindAll("[data-testid=add-user-unknown]"));
        Assert.False(dialog.Find("[data-testid=add-submit]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_failure_before_sending_is_explained_in_words()
    {
        Client.OnAdd = _ => throw new RemotePcApiException(HttpStatusCode.Unauthorized, "UNAUTHORIZED", ["NOT_AUTHORIZED"]);
        var (dialog, _) = await OpenAsync();
        Fill(dialog);

        Submit(dialog);

        dialog.WaitForAssertion(() => Assert.Contains("rejected the reseller API key", dialog.Find("[data-testid=add-user-error]").TextContent));
    }

    [Fact]
    public async Task A_viewer_who_reaches_the_dialog_is_refused_on_the_server_and_nothing_is_sent()
    {
        var (dialog, _) = await OpenAsync(StaffRoles.Viewer);
        Fill(dialog);

        Submit(dialog);

        dialog.WaitForAssertion(() => Assert.Contains("Your role does not allow this.", dialog.Find("[data-testid=add-user-error]").TextContent));
        Assert.Equal(0, Client.AddCalls);
    }
}
