using System.Net;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using Tessera.Distributed.Hosting;

namespace Tessera.Distributed;

public sealed partial class Client
{
    private LocalCluster? _local;

    /// <summary>Connects to a <see cref="LocalCluster"/> with its secret, and hears of worker exits from it at once.</summary>
    public static async Task<Client> ConnectAsync(LocalCluster cluster, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var client = await ConnectAsync(cluster.Address, cluster.Secret, cancellationToken).ConfigureAwait(false);
        client._local = cluster;
        cluster.WorkerExited += client.ReportWorkerLost;
        return client;
    }

    /// <summary>
    /// Connects to the cluster whose gateway is <paramref name="address"/> ("host:port"),
    /// presenting its shared <paramref name="secret"/>.
    /// </summary>
    public static async Task<Client> ConnectAsync(string address, string secret, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (!IPEndPoint.TryParse(address ?? "", out var endpoint) || endpoint.Port == 0)
        {
            throw new ArgumentException(
                $"'{address}' is not a cluster address. Give the gateway as ip:port, e.g. \"127.0.0.1:30000\".", nameof(address));
        }
        Client? client = null;
        var host = new HostBuilder()
            .UseOrleansClient(orleans =>
            {
                orleans.UseStaticClustering(endpoint);
                orleans.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = ClusterIdentity.ClusterId(secret);
                    o.ServiceId = ClusterIdentity.ServiceId;
                });
                orleans.AddClusterConnectionLostHandler((_, _) =>
                    client?._scheduler.Break(new InvalidOperationException($"Orleans reported the connection to {address} lost.")));
            })
            .Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        var orleansClient = (Orleans.IClusterClient)host.Services.GetService(typeof(Orleans.IClusterClient))!;
        client = new Client(orleansClient, secret, address!, host);
        return await StartAsync(client, null, cancellationToken).ConfigureAwait(false);
    }

    private void DetachFromLocalCluster()
    {
        if (_local is not null)
        {
            _local.WorkerExited -= ReportWorkerLost;
        }
    }
}
