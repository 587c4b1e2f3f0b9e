using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Portal.Common;
using Portal.Features.Staff;
using Portal.Localization;
using RemotePc;

namespace Portal.Features.Users;

/// <summary>CSV export of the current filtered and sorted view; the same query string as the users page.</summary>
public static class UserCsvExport
{
    public static IEndpointRouteBuilder MapUserExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/users/export.csv", async (HttpContext context, ResellerUserCache cache, IOptions<UserListOptions> options, TimeProvider time) =>
        {
            var status = await cache.GetAsync();
            if (status.Snapshot is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: Text.Get("The user list is not available"), detail: Text.Get(Connection.UpstreamProblems.Explain(status.Problem)));
            }
            var query = UserQuery.Parse(context.Request.QueryString.Value, options.Value.MaxPageSize);
            context.Response.Headers.ContentDisposition = SafeCsv.Attachment("users", time.GetUtcNow());
            context.Response.Headers.CacheControl = "no-store";
            context.Response.ContentType = "text/csv; charset=utf-8";
            await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            await WriteAsync(writer, UserQueryEngine.Matching(status.Snapshot, query));
            return Results.Empty;
        }).RequireAuthorization(Policies.View).ExcludeFromDescription();
        return app;
    }

    public static async Task WriteAsync(TextWriter writer, IEnumerable<ResellerUser> users)
    {
        await using var csv = SafeCsv.CreateWriter(writer);
        // Staff open this in a spreadsheet, so the headings are in their language; the cells stay ISO dates, plain
        // numbers and true/false, so a file reads the same into any tool whoever exported it.
        csv.WriteHeader([Text.Get("Email"), Text.Get("Allotted computers"), Text.Get("Utilized computers"), Text.Get("Created"), Text.Get("Active")]);
        foreach (var user in users)
        {
            csv.WriteField(user.Username);
            csv.WriteField(user.AllottedComputers.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(user.UtilizedComputers.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(user.Created?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(user.IsActive ? "true" : "false");
            await csv.EndRecordAsync();
        }
        await csv.FlushAsync();
    }
}
