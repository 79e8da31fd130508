using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Tessera.Diagnostics;

/// <summary>The in-process web server: Kestrel with a handful of routes, no MVC, no logging to the console.</summary>
internal static class DashboardServer
{
    public static WebApplication Build(IPAddress address, int port, LiveState state)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders(); // a library must not write to the user's console
        builder.WebHost.ConfigureKestrel(k => k.Listen(address, port, o => o.Protocols = HttpProtocols.Http1AndHttp2));
        var app = builder.Build();

        app.MapGet("/", () => Results.Redirect("/status"));
        foreach (var page in DashboardPages.Names)
        {
            var html = DashboardPages.Html(page);
            app.MapGet("/" + page, () => Results.Text(html, "text/html; charset=utf-8"));
        }
        app.MapGet("/assets/{name}", (string name) =>
            EmbeddedAssets.Text(name) is { } text ? Results.Text(text, EmbeddedAssets.ContentType(name)) : Results.NotFound());
        app.MapGet("/api/status", () => Results.Bytes(state.Latest, "application/json"));
        app.MapGet("/api/graph", () => Results.Bytes(state.GraphJsonBytes(), "application/json"));
        app.MapGet("/api/events", (HttpContext context) => EventStream.Serve(context, state));
        return app;
    }

    /// <summary>Starts <paramref name="app"/>; a port in use becomes an exception that says what to do.</summary>
    public static void Start(WebApplication app, IPAddress address, int port)
    {
        try
        {
            app.StartAsync().GetAwaiter().GetResult();
        }
        catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
                                        || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"The dashboard cannot listen on {address}:{port}: the port is already in use (another dashboard, or another " +
                $"program). Pass a free port, e.g. Dashboard.Start(port: {port + 1}), or port: 0 to let the system choose one.", e);
        }
    }
}
