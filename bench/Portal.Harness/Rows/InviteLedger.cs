using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace Portal.Harness.Rows;

/// <summary>
/// Sits on the wire side of the portal's RemotePC client (inside the resilience pipeline, so it sees every attempt)
/// and counts, per address, the invite calls that RemotePC answered with 200: those are the calls that invited.
/// A count above one is an address the portal had invited twice.
/// </summary>
internal sealed class InviteLedger
{
    private readonly ConcurrentDictionary<string, int> _processed = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<(long Start, long End)> _spans = new();
    private int _calls;
    private int _failedCalls;

    public int Calls => _calls;

    public int FailedCalls => _failedCalls;

    public int Addresses => _processed.Count;

    public int SentTwice => _processed.Count(p => p.Value > 1);

    /// <summary>When each invite call was on the wire (Stopwatch timestamps), since the last <see cref="Reset"/>.</summary>
    public IReadOnlyList<(long Start, long End)> Spans => [.. _spans];

    public void Reset()
    {
        _spans.Clear();
        _processed.Clear();
        _calls = 0;
        _failedCalls = 0;
    }

    public DelegatingHandler CreateHandler() => new Handler(this);

    private sealed class Handler(InviteLedger ledger) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri?.AbsolutePath.EndsWith("user/invite", StringComparison.Ordinal) != true || request.Content is null)
            {
                return await base.SendAsync(request, cancellationToken);
            }
            // Buffering the body here lets it be read and still sent.
            var body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
            Interlocked.Increment(ref ledger._calls);
            HttpResponseMessage response;
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                response = await base.SendAsync(request, cancellationToken);
            }
            catch
            {
                Interlocked.Increment(ref ledger._failedCalls);
                throw;
            }
            finally
            {
                ledger._spans.Enqueue((start, System.Diagnostics.Stopwatch.GetTimestamp()));
            }
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Interlocked.Increment(ref ledger._failedCalls);
                return response;
            }
            using var json = JsonDocument.Parse(body);
            foreach (var item in json.RootElement.EnumerateArray())
            {
                ledger._processed.AddOrUpdate(item.GetProperty("invitedUserEmailId").GetString()!, 1, (_, n) => n + 1);
            }
            return response;
        }
    }
}
