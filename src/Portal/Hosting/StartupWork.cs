namespace Portal.Hosting;

/// <summary>
/// The portal's first-start work (migrations, the first Admin's bootstrap, the key ring, the embedded sandbox's key) runs
/// while the host builds its pipeline and Kestrel starts listening, instead of before: on the embedded defaults the two
/// took about as long as each other (bench/Portal.Harness row 7). Requests that arrive meanwhile wait at the start of the
/// pipeline (<see cref="StartupWorkExtensions.UseStartupGate"/>), and the host reports itself started (ApplicationStarted,
/// which background services and WebApplicationFactory wait for) only once the work is done. A failure fails the start.
/// </summary>
public sealed class StartupWork : IHostedLifecycleService
{
    private static readonly Task NotBegun = new TaskCompletionSource().Task;

    private Task? _work;

    /// <summary>Completes when the work has; faults with its failure. Before <see cref="Begin"/> it never completes.</summary>
    public Task Completion => _work ?? NotBegun;

    public void Begin(Func<Task> work)
    {
        if (_work is not null)
        {
            throw new InvalidOperationException("The start-up work has already begun.");
        }
        // On the thread pool, so the caller goes on building the pipeline; without the caller's context.
        _work = Task.Run(work);
    }

    public Task StartedAsync(CancellationToken cancellationToken) =>
        (_work ?? throw new InvalidOperationException("The start-up work was never begun (StartupWork.Begin).")).WaitAsync(cancellationToken);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class StartupWorkExtensions
{
    public static IServiceCollection AddStartupWork(this IServiceCollection services)
    {
        services.AddSingleton<StartupWork>();
        services.AddHostedService(sp => sp.GetRequiredService<StartupWork>());
        return services;
    }

    /// <summary>Begins the work now, beside the rest of start-up; the host's start waits for it to finish.</summary>
    public static WebApplication BeginStartupWork(this WebApplication app, Func<Task> work)
    {
        app.Services.GetRequiredService<StartupWork>().Begin(work);
        return app;
    }

    /// <summary>
    /// Holds each request until the start-up work is done; everything after this may use the database. Requests for
    /// <paramref name="passThrough"/> (the liveness check, which uses nothing the work prepares) are answered meanwhile.
    /// </summary>
    public static IApplicationBuilder UseStartupGate(this IApplicationBuilder app, PathString passThrough = default)
    {
        var work = app.ApplicationServices.GetRequiredService<StartupWork>();
        return app.Use(async (context, next) =>
        {
            var completion = work.Completion;
            if (!completion.IsCompletedSuccessfully && !(passThrough.HasValue && context.Request.Path.Equals(passThrough, StringComparison.OrdinalIgnoreCase)))
            {
                await completion.WaitAsync(context.RequestAborted);
            }
            await next(context);
        });
    }
}
