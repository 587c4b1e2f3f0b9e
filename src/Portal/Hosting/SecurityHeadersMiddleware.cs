namespace Portal.Hosting;

/// <summary>
/// Response headers for every answer. The Content-Security-Policy is the strictest Blazor Server and MudBlazor work under:
/// scripts only from this origin (no inline, no eval), inline styles allowed because MudBlazor sets style attributes,
/// the circuit's WebSocket on this origin, and no framing by anyone.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // The interactive API reference (Scalar, Admins only) boots from an inline script; it alone gets that allowance.
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api-reference") || context.Request.Path.StartsWithSegments("/scalar")
                ? ApiReferencePolicy
                : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin-allow-popups";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            // Pages can carry one-time secrets (a new API token, a sign-in link); nothing dynamic is cached anywhere.
            if (!IsStaticAsset(context))
            {
                headers.CacheControl = "no-store";
            }
            return Task.CompletedTask;
        });
        return next(context);
    }

    private static bool IsStaticAsset(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null
        || context.Request.Path.StartsWithSegments("/_framework") || context.Request.Path.StartsWithSegments("/_content");
}
