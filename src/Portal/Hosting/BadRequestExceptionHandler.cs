using Microsoft.AspNetCore.Diagnostics;

namespace Portal.Hosting;

/// <summary>
/// A body that is not valid JSON, or of the wrong shape, is the caller's mistake: 400 with a problem that says so,
/// never the 500 a bare exception handler would make of it.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }
        context.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = "Bad request",
                Detail = bad.InnerException is System.Text.Json.JsonException
                    ? "The request body is not valid JSON for this endpoint."
                    : "The request could not be read: check the body and the parameters.",
            },
        });
    }
}
