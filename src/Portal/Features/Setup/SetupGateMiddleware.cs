namespace Portal.Features.Setup;

/// <summary>
/// While no staff account exists, every page leads to /setup; once one exists, /setup is gone.
/// With several instances the first Admin may be created on another one, so while this instance still thinks setup is open
/// it asks the shared database (a query per request only until the first account exists).
/// <para>
/// The question is asked with one plain statement (<see cref="StaffAccountCheck"/>), not through Identity: a new
/// install's first pages come through here. Identity's account service had been an <c>InvokeAsync</c> parameter before
/// that, built for every request with its UserManager and metrics, whose instrument lookups lock: a trace of the
/// integration API under load (bench api-auth) found 8 % of a request there.
/// </para>
/// </summary>
internal sealed class SetupGateMiddleware(RequestDelegate next, SetupState state)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var isSetup = path.StartsWithSegments("/setup", StringComparison.OrdinalIgnoreCase);
        if (!state.IsComplete && !IsInfrastructure(path)
            && await context.RequestServices.GetRequiredService<StaffAccountCheck>().AnyAsync(context.RequestAborted))
        {
            state.MarkComplete();
        }
        if (state.IsComplete)
        {
            if (isSetup)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(context);
            return;
        }
        if (isSetup || IsInfrastructure(path) || !HttpMethods.IsGet(context.Request.Method))
        {
            await next(context);
            return;
        }
        context.Response.Redirect("/setup");
    }

    private static bool IsInfrastructure(PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content")
        || path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/culture") || Path.HasExtension(path.Value);
}
