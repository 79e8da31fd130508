using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using Tessera.Distributed.Hosting;
using Tessera.Distributed.Worker;

namespace Tessera.Distributed.Tests;

/// <summary>An Orleans test cluster in this process whose silos are Tessera workers, with a connected client.</summary>
public sealed class InProcessCluster : IAsyncLifetime, IAsyncDisposable
{
    public const string Secret = "in-process-test-secret";

    public InProcessCluster() : this(2)
    {
    }

    private InProcessCluster(short silos) => Silos = silos;

    public short Silos { get; }
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public Client Client { get; private set; } = null!;

    public static async Task<InProcessCluster> StartAsync(short silos)
    {
        var cluster = new InProcessCluster(silos);
        await cluster.InitializeAsync();
        return cluster;
    }

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(Silos);
        builder.ConfigureSilo((options, silo) =>
        {
            silo.AddTesseraWorker(new WorkerSettings { Secret = Secret, Threads = 2, Name = options.SiloName });
            silo.Configure<ClusterMembershipOptions>(ClusterTuning.FastFailureDetection);
        });
        Cluster = builder.Build();
        try
        {
            await Cluster.DeployAsync();
            Client = await Client.ConnectAsync(Cluster.Client, Secret);
            await WaitForWorkersAsync(Silos);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until the client uses <paramref name="count"/> workers (membership needs a moment after start).</summary>
    public async Task WaitForWorkersAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Client.WorkerCount < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Only {Client.WorkerCount} of {count} workers attached within 20 s.");
            await Task.Delay(50);
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    public async Task DisposeAsync()
    {
        if (Client is not null)
        {
            await Client.DisposeAsync();
        }
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}
