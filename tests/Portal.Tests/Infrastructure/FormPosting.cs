using AngleSharp.Html.Parser;

namespace Portal.Tests.Infrastructure;

/// <summary>Posts the app's server-rendered forms the way a browser does: GET the page, take its antiforgery token, POST.</summary>
public static class FormPosting
{
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string path, string formName, IDictionary<string, string> fields)
    {
        var page = await client.GetAsync(path);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.IsSuccessStatusCode, $"GET {path} answered {(int)page.StatusCode}");
        var document = new HtmlParser().ParseDocument(html);
        var form = document.QuerySelectorAll("form").FirstOrDefault(f => f.QuerySelector($"input[name=_handler][value={formName}]") is not null)
            ?? throw new InvalidOperationException($"No form '{formName}' on {path}");
        var body = form.QuerySelectorAll("input[type=hidden]")
            .Where(i => i.GetAttribute("name") is not null)
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        foreach (var (key, value) in fields)
        {
            body[key] = value;
        }
        return await client.PostAsync(path, new FormUrlEncodedContent(body));
    }

    public static async Task<AngleSharp.Html.Dom.IHtmlDocument> ReadHtmlAsync(this HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>The text of the page's <c>form-error</c> box, or null.</summary>
    public static async Task<string?> FormErrorAsync(this HttpResponseMessage response) =>
        (await response.ReadHtmlAsync()).QuerySelector("[data-testid=form-error]")?.TextContent.Trim();
}

public static class Redirects
{
    /// <summary>
    /// Where a redirect leads, as a local path. Server-rendered Blazor pages redirect with absolute URLs,
    /// so an absolute target must point back at the test host: anything else would be an open redirect.
    /// </summary>
    public static string? LocalTarget(this HttpResponseMessage response)
    {
        var location = response.Headers.Location;
        if (location is null || !location.IsAbsoluteUri)
        {
            return location?.OriginalString;
        }
        Assert.Equal("localhost", location.Host);
        return location.PathAndQuery;
    }
}
