using System.Text;
using Portal.Common;
using Portal.Features.Staff;

namespace Portal.Features.Invitations;

public static class InvitationsExtensions
{
    public static WebApplicationBuilder AddInvitations(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<InvitationOptions>().BindConfiguration(InvitationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<InvitationSignals>();
        services.AddSingleton<InvitationJobService>();
        services.AddSingleton<InvitationJobLease>();
        services.AddSingleton<InvitationProcessor>();
        services.AddHostedService(sp => sp.GetRequiredService<InvitationProcessor>());
        return builder;
    }

    public static IEndpointRouteBuilder MapInvitationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/invitations/{id:guid}/export.csv", async Task<IResult> (Guid id, HttpContext context, InvitationJobService jobs, TimeProvider time) =>
        {
            if (await jobs.GetAsync(id, context.RequestAborted) is null)
            {
                return TypedResults.NotFound();
            }
            context.Response.Headers.ContentDisposition = SafeCsv.Attachment("invitations", time.GetUtcNow());
            context.Response.Headers.CacheControl = "no-store";
            context.Response.ContentType = "text/csv; charset=utf-8";
            await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            await jobs.ExportCsvAsync(id, writer, context.RequestAborted);
            return TypedResults.Empty;
        }).RequireAuthorization(Policies.Operate);
        return app;
    }
}
