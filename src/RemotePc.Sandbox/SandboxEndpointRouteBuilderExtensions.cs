using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RemotePc.Sandbox.Api;
using RemotePc.Sandbox.Control;
using RemotePc.Sandbox.Hosting;

namespace RemotePc.Sandbox;

public static class SandboxEndpointRouteBuilderExtensions
{
    /// <summary>RemotePC's path prefix, kept so clients only swap the host part of the base URL.</summary>
    public const string ApiPrefix = "/rpc-api/reseller/private/";

    /// <summary>
    /// Maps the emulated API (<c>rpc-api/reseller/private/user/{add,invite,signin,list}</c>, any method, so wrong
    /// ones get 405 in RemotePC's envelope), <c>GET autologin/{token}</c>, and the control surface under
    /// <c>_sandbox/</c> when enabled. Needs <see cref="SandboxServiceCollectionExtensions.AddRemotePcSandbox"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapRemotePcSandbox(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var runtime = endpoints.ServiceProvider.GetRequiredService<SandboxRuntime>();

        endpoints.Map(ApiPrefix + "user/add", ResellerApiPipeline.For(SandboxEndpoint.Add, AddUserHandler.Handle));
        endpoints.Map(ApiPrefix + "user/invite", ResellerApiPipeline.For(SandboxEndpoint.Invite, InviteHandler.Handle));
        endpoints.Map(ApiPrefix + "user/signin", ResellerApiPipeline.For(SandboxEndpoint.Signin, SigninHandler.Handle));
        endpoints.Map(ApiPrefix + "user/list", ResellerApiPipeline.For(SandboxEndpoint.List, ListHandler.Handle));
        endpoints.MapGet("/autologin/{token}", AutologinPage.Handle);

        if (runtime.Options.EnableControl)
        {
            ControlEndpoints.Map(endpoints);
        }

        return endpoints;
    }
}
