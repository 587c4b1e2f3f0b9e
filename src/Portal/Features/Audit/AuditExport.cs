using System.Globalization;
using System.Text;
using Portal.Common;
using Portal.Features.Staff;

namespace Portal.Features.Audit;

public static class AuditExport
{
    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/audit/export.csv", async (HttpContext context, AuditLogQuery query, TimeProvider time, string? actor, string? action, string? target, string? from, string? to) =>
        {
            var filter = new AuditFilter(actor, action, target, QueryValues.IsoDate(from), QueryValues.IsoDate(to));
            context.Response.Headers.ContentDisposition = SafeCsv.Attachment("audit", time.GetUtcNow());
            context.Response.ContentType = "text/csv; charset=utf-8";
            await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            await using var csv = SafeCsv.CreateWriter(writer);
            // Deliberately language-neutral: the audit trail is evidence that goes into archives and log tools, and the
            // same rows must come out the same whoever exports them.
            csv.WriteHeader(["time_utc", "actor", "actor_kind", "client_address", "action", "target", "outcome", "detail"]);
            await foreach (var row in query.StreamAsync(filter, context.RequestAborted))
            {
                csv.WriteField(row.TimestampUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                csv.WriteField(row.Actor);
                csv.WriteField(row.ActorKind.ToString());
                csv.WriteField(row.ClientAddress ?? "");
                csv.WriteField(row.Action);
                csv.WriteField(row.Target ?? "");
                csv.WriteField(row.Outcome.ToString());
                csv.WriteField(row.Detail ?? "");
                await csv.EndRecordAsync(context.RequestAborted);
            }
            await csv.FlushAsync();
        }).RequireAuthorization(Policies.Admin).ExcludeFromDescription();
        return app;
    }
}
