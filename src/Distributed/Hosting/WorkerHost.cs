using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using Tessera.Distributed.Worker;

namespace Tessera.Distributed.Hosting;

/// <summary>
/// The worker process's program (the <c>tessera-worker</c> executable is a one-line call to it):
/// an Orleans silo hosting one worker, joining the cluster whose primary silo is given, listening
/// on loopback unless an address is named, and leaving when its parent process ends.
/// </summary>
public static class WorkerHost
{
    /// <summary>
    /// Runs a worker until it is stopped. Arguments: <c>--primary host:port --port N --gateway-port N
    /// [--threads N] [--name NAME] [--address IP] [--parent-pid PID]</c>; the secret comes from the
    /// <c>TESSERA_CLUSTER_SECRET</c> environment variable.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        WorkerArguments parsed;
        try
        {
            parsed = WorkerArguments.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        var secret = Environment.GetEnvironmentVariable(ClusterIdentity.SecretVariable);
        if (string.IsNullOrEmpty(secret))
        {
            await Console.Error.WriteLineAsync($"Set {ClusterIdentity.SecretVariable} to the cluster's shared secret.");
            return 2;
        }
        using var host = new HostBuilder()
            .UseOrleans(silo =>
            {
                silo.UseDevelopmentClustering(parsed.Primary);
                silo.ConfigureEndpoints(parsed.Address, parsed.Port, parsed.GatewayPort, listenOnAnyHostAddress: false);
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = ClusterIdentity.ClusterId(secret);
                    o.ServiceId = ClusterIdentity.ServiceId;
                });
                silo.Configure<SiloOptions>(o => o.SiloName = parsed.Name);
                silo.Configure<ClusterMembershipOptions>(ClusterTuning.FastFailureDetection);
                silo.AddTesseraWorker(new WorkerSettings { Secret = secret, Threads = parsed.Threads, Name = parsed.Name });
            })
            .Build();
        await host.StartAsync();
        Console.WriteLine($"tessera-worker ready {parsed.Name} {parsed.Address}:{parsed.Port}");
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        await WaitForParentAsync(parsed.ParentPid, stop.Token);
        await host.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
        return 0;
    }

    private static async Task WaitForParentAsync(int? parentPid, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(500, stop);
                if (parentPid is { } pid && !IsAlive(pid))
                {
                    return; // the LocalCluster's process is gone: so is the cluster
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>The worker's command line.</summary>
internal sealed record WorkerArguments(IPEndPoint Primary, IPAddress Address, int Port, int GatewayPort, int Threads, string Name, int? ParentPid)
{
    public static WorkerArguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException(
                    $"Unexpected argument '{args[i]}'. Usage: tessera-worker --primary host:port --port N --gateway-port N " +
                    "[--threads N] [--name NAME] [--address IP] [--parent-pid PID]");
            }
            values[args[i][2..]] = args[i + 1];
        }
        string Required(string name) => values.TryGetValue(name, out var v) ? v
            : throw new ArgumentException($"tessera-worker needs --{name}; e.g. --primary 127.0.0.1:11111 --port 11112 --gateway-port 30001.");
        int Number(string name, string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
            : throw new ArgumentException($"--{name} must be a positive whole number; it was '{text}'.");
        return new WorkerArguments(
            IPEndPoint.Parse(Required("primary")),
            values.TryGetValue("address", out var address) ? IPAddress.Parse(address) : IPAddress.Loopback,
            Number("port", Required("port")),
            Number("gateway-port", Required("gateway-port")),
            values.TryGetValue("threads", out var threads) ? Number("threads", threads) : Environment.ProcessorCount,
            values.TryGetValue("name", out var name) ? name : "tessera-worker",
            values.TryGetValue("parent-pid", out var parent) ? Number("parent-pid", parent) : null);
    }
}
