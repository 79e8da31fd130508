namespace Tessera.Distributed;

/// <summary>
/// The client lost its connection to the cluster: every pending future fails with this, and the
/// client accepts no more work. Connect again once the cluster is back.
/// </summary>
public sealed class ClusterConnectionLostException : Exception
{
    /// <summary>Creates the exception with the reason the connection was given up.</summary>
    public ClusterConnectionLostException(Exception reason)
        : base($"Lost the connection to the cluster: {reason.Message} Pending futures have failed; connect a new Client when the cluster is back.", reason)
    {
    }
}
