using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Portal.Features.Audit;
using Portal.Features.Staff;

namespace Portal.Features.Account;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A POST with antiforgery (the form in the user menu carries the token), so a third-party page cannot sign staff out.
        app.MapPost("/account/logout", async Task<Results<RedirectHttpResult, BadRequest>> (HttpContext context, IAntiforgery antiforgery, SignInManager<StaffUser> signIn, AuditWriter audit) =>
        {
            // Minimal APIs only validate antiforgery when they bind a form; this endpoint binds nothing, so it checks itself.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return TypedResults.BadRequest();
            }
            await audit.WriteAsync(AuditActorAccessor.FromRequest(context), AuditActions.StaffSignOut, null, AuditOutcome.Success);
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/account/login");
        })
        .RequireAuthorization(Policies.View)
        .DisableAntiforgery()
        .ExcludeFromDescription();
        return app;
    }
}
