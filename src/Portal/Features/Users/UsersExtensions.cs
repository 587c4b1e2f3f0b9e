namespace Portal.Features.Users;

public static class UsersExtensions
{
    public static WebApplicationBuilder AddResellerUsers(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<UserListOptions>().BindConfiguration(UserListOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PasswordRuleOptions>().BindConfiguration(PasswordRuleOptions.Section);
        services.AddSingleton<ResellerUserCache>();
        services.AddHostedService<UserListRefresher>();
        services.AddHostedService<UserListChangeWatcher>();
        services.AddScoped<AddUserService>();
        services.AddScoped<SignInAsService>();
        services.AddOptions<SignInAsOptions>().BindConfiguration(SignInAsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SignInAsLimiter>();
        return builder;
    }
}
