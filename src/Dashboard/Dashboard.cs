using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Tessera.Diagnostics;

/// <summary>
/// A live dashboard in the browser for every computation of this process, after dask's: the task
/// stream, progress per task kind, memory per tier, the graph coloured as it runs, the workers and
/// a profile. <c>using var dashboard = Dashboard.Start();</c> then open <see cref="Url"/>.
/// Pages update four times a second over server-sent events.
/// </summary>
public sealed class Dashboard : IDisposable, IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LiveState _state;
    private readonly IDisposable _registration;
    private int _disposed;

    private Dashboard(WebApplication app, LiveState state, IDisposable registration, Uri url)
    {
        _app = app;
        _state = state;
        _registration = registration;
        Url = url;
    }

    /// <summary>The port the dashboard listens on unless told otherwise (dask's).</summary>
    public const int DefaultPort = 8787;

    /// <summary>Where the Status page is, e.g. http://127.0.0.1:8787/status.</summary>
    public Uri Url { get; }

    /// <summary>
    /// Starts serving the dashboard and observing every computation that starts from now on
    /// (through <see cref="ComputeObservers"/>), until disposed.
    /// </summary>
    /// <param name="port">The TCP port; 0 lets the system pick a free one (see <see cref="Url"/>).</param>
    /// <param name="address">The address to bind; loopback (127.0.0.1) unless given. "0.0.0.0" serves every interface.</param>
    /// <param name="updateInterval">How often pages receive an update; 250 ms unless given (at most 500 ms).</param>
    public static Dashboard Start(int port = DefaultPort, string? address = null, TimeSpan? updateInterval = null)
    {
        if (port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port,
                $"The dashboard's port must be 0 to 65535; got {port}. Use {DefaultPort} (the default) or 0 for any free port.");
        }
        var ip = IPAddress.Loopback;
        if (address is not null && !IPAddress.TryParse(address, out ip))
        {
            throw new ArgumentException(
                $"The dashboard's address '{address}' is not an IP address. Give one such as \"127.0.0.1\" (this machine only) " +
                "or \"0.0.0.0\" (every interface), or leave it out for loopback.", nameof(address));
        }
        var interval = updateInterval ?? TimeSpan.FromMilliseconds(250);
        if (interval <= TimeSpan.Zero || interval > TimeSpan.FromMilliseconds(500))
        {
            throw new ArgumentOutOfRangeException(nameof(updateInterval), interval,
                "The dashboard's update interval must be above 0 and at most 500 ms (pages update at least twice a second).");
        }

        var state = new LiveState(interval);
        var app = DashboardServer.Build(ip!, port, state);
        try
        {
            DashboardServer.Start(app, ip!, port);
        }
        catch
        {
            state.Dispose();
            ((IDisposable)app).Dispose();
            throw;
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var url = new Uri(new Uri(bound.Replace("[::]", "localhost", StringComparison.Ordinal)), "/status");
        return new Dashboard(app, state, ComputeObservers.Add(state.Recorder), url);
    }

    /// <summary>Stops observing and serving; open pages lose their connection.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc cref="Dispose"/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _registration.Dispose();
        _state.Dispose();
        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await _app.StopAsync(stopping.Token); // open event streams end when the state is disposed; don't wait long for them
        }
        await _app.DisposeAsync();
    }

    /// <summary>The live state, for tests that publish without waiting for the timer.</summary>
    internal LiveState State => _state;
}
