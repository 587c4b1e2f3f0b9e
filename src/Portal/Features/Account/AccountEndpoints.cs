using Microsoft.AspNetCore.Identity;
using Portal.Features.Staff;

namespace Portal.Features.Account;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A POST with antiforgery (the form in the user menu carries the token), so a third-party page cannot sign staff out.
        app.MapPost("/account/logout", async (SignInManager<StaffUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/account/login");
        }).RequireAuthorization(Policies.View);
        return app;
    }
}
