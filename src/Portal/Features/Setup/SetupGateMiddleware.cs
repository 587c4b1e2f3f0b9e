namespace Portal.Features.Setup;

/// <summary>While no staff account exists, every page leads to /setup; once one exists, /setup is gone.</summary>
internal sealed class SetupGateMiddleware(RequestDelegate next, SetupState state)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var isSetup = path.StartsWithSegments("/setup", StringComparison.OrdinalIgnoreCase);
        if (state.IsComplete)
        {
            if (isSetup)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            return next(context);
        }
        if (isSetup || IsInfrastructure(path) || !HttpMethods.IsGet(context.Request.Method))
        {
            return next(context);
        }
        context.Response.Redirect("/setup");
        return Task.CompletedTask;
    }

    private static bool IsInfrastructure(PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content")
        || path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/culture") || Path.HasExtension(path.Value);
}
