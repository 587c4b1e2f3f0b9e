using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RemotePc.Sandbox.Hosting;
using RemotePc.Sandbox.Links;

namespace RemotePc.Sandbox.Api;

/// <summary>
/// Where <c>rpc_redirect_link</c> points: a self-contained page (no external resources) standing in for
/// RemotePC's web console. The token is in the path, so nothing here logs the path, and the page is neither
/// cached nor leaked through Referer.
/// </summary>
internal static class AutologinPage
{
    // Encodes only what HTML needs, so names with umlauts and the dash stay readable in the source.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static async Task Handle(HttpContext context)
    {
        var runtime = context.RequestServices.GetRequiredService<SandboxRuntime>();
        var token = context.Request.RouteValues["token"] as string ?? "";
        var redemption = runtime.Links.Redeem(token);

        var (status, title, text) = redemption.Outcome switch
        {
            LinkOutcome.SignedIn => (StatusCodes.Status200OK, "Signed in", $"RemotePC Sandbox — signed in as {redemption.Username}"),
            LinkOutcome.AlreadyUsed => (StatusCodes.Status410Gone, "Link already used", "RemotePC Sandbox — this sign-in link has already been used. Request a new one."),
            LinkOutcome.Expired => (StatusCodes.Status410Gone, "Link expired", "RemotePC Sandbox — this sign-in link has expired. Request a new one."),
            _ => (StatusCodes.Status404NotFound, "Unknown link", "RemotePC Sandbox — this sign-in link is unknown."),
        };

        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        await context.Response.WriteAsync(Render(title, text), context.RequestAborted);
    }

    private static string Render(string title, string text)
    {
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{Html.Encode(title)}} · RemotePC Sandbox</title>
            <style>
            body { font-family: system-ui, sans-serif; background: #f4f6f8; color: #1f2933; margin: 0; display: flex; min-height: 100vh; align-items: center; justify-content: center; }
            main { background: #fff; border-radius: 8px; box-shadow: 0 2px 8px rgba(0,0,0,.12); padding: 2rem 2.5rem; max-width: 36rem; }
            h1 { font-size: 1.25rem; margin: 0 0 .75rem; }
            p { margin: 0; }
            </style>
            </head>
            <body>
            <main>
            <h1>{{Html.Encode(title)}}</h1>
            <p>{{Html.Encode(text)}}</p>
            </main>
            </body>
            </html>
            """;
    }
}
