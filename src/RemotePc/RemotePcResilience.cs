using Microsoft.Extensions.Http.Resilience;
using Polly;
using RemotePc.Wire;

namespace RemotePc;

/// <summary>
/// The client's one pipeline: a retry that only ever fires for user/list, then a per-attempt timeout.
/// add, invite and sign-in are POSTs with effects, so they are never replayed (the standard handler would: dotnet/extensions #5248);
/// since every RemotePC call is a POST, the decision is made on the path with an allow-list rather than on the method.
/// </summary>
internal static class RemotePcResilience
{
    public const string PipelineName = "remotepc";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, RemotePcOptions options)
    {
        if (options.ListRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.ListRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.ListRetryBaseDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    IsRetryable(args.Context.GetRequestMessage()) && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
            });
        }

        pipeline.AddTimeout(options.AttemptTimeout);
    }

    internal static bool IsRetryable(HttpRequestMessage? request) =>
        request?.RequestUri?.AbsolutePath.EndsWith("/" + IRemotePcApi.ListPath, StringComparison.Ordinal) == true;
}
