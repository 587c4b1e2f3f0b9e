namespace Portal.Features.Audit;

public static class AuditExtensions
{
    public static WebApplicationBuilder AddAuditTrail(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<AuditWriter>();
        builder.Services.AddScoped<CircuitClientAddress>();
        builder.Services.AddScoped<AuditActorAccessor>();
        builder.Services.AddScoped<AuditLogQuery>();
        builder.Services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<AuditRetentionJob>();
        return builder;
    }
}
