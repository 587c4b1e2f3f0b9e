using Portal.Features.Staff;

namespace Portal.Features.Setup;

/// <summary>
/// While no staff account exists, every page leads to /setup; once one exists, /setup is gone.
/// With several instances the first Admin may be created on another one, so while this instance still thinks setup is open
/// it asks the shared database (a query per request only until the first account exists).
/// <para>
/// The account service is resolved only for that question: once setup is complete a request never builds it. As a
/// parameter of <c>InvokeAsync</c> it was built for every request, with Identity's UserManager and its metrics, whose
/// instrument lookups lock: a trace of the integration API under load (bench api-auth) found 8 % of a request there.
/// </para>
/// </summary>
internal sealed class SetupGateMiddleware(RequestDelegate next, SetupState state)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var isSetup = path.StartsWithSegments("/setup", StringComparison.OrdinalIgnoreCase);
        if (!state.IsComplete && !IsInfrastructure(path)
            && await context.RequestServices.GetRequiredService<StaffAccountService>().AnyAsync(context.RequestAborted))
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
