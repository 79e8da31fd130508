using System.Security.Cryptography;
using System.Text;

namespace Tessera.Distributed.Hosting;

/// <summary>
/// Orleans' cluster id, derived from the shared secret: silos and clients holding another secret
/// belong to another cluster and never join this one's membership. (Workers also check the secret
/// itself before accepting a client's code; see <c>WorkerRuntime.Attach</c>.)
/// </summary>
internal static class ClusterIdentity
{
    public const string ServiceId = "tessera";

    public static string ClusterId(string secret) =>
        "tessera-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))[..16];

    /// <summary>A fresh random secret (256 bits).</summary>
    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>The environment variable a worker process reads its secret from (never the command line, which other users can see).</summary>
    public const string SecretVariable = "TESSERA_CLUSTER_SECRET";
}
