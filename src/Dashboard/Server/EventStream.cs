using Microsoft.AspNetCore.Http;

namespace Tessera.Diagnostics;

/// <summary>
/// <c>/api/events</c>: server-sent events, one <c>status</c> event with the whole status JSON per
/// publication. SSE rather than WebSockets because the flow is one way and browsers reconnect by
/// themselves; the status is small enough (a few kB) to send whole.
/// </summary>
internal static class EventStream
{
    private static readonly byte[] EventHead = "event: status\ndata: "u8.ToArray();
    private static readonly byte[] EventTail = "\n\n"u8.ToArray();

    public static async Task Serve(HttpContext context, LiveState state)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        var aborted = context.RequestAborted;
        try
        {
            while (!aborted.IsCancellationRequested)
            {
                var next = state.NextAsync();
                await response.Body.WriteAsync(EventHead, aborted);
                await response.Body.WriteAsync(state.Latest, aborted);
                await response.Body.WriteAsync(EventTail, aborted);
                await response.Body.FlushAsync(aborted);
                await next.WaitAsync(aborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed or the dashboard stopped: the stream just ends.
        }
    }
}
