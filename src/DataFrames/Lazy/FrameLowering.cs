using Tessera.Kernels.Backends;
using Tessera.Scheduling;

namespace Tessera.DataFrames.Lazy;

/// <summary>
/// Turns lazy frames into one task graph: each layer adds its partition tasks once, inputs first.
/// Column expressions in the tasks run on <see cref="Backend"/>, the run's device.
/// </summary>
internal sealed class FrameLowering(IComputeBackend backend)
{
    private readonly HashSet<string> _lowered = new(StringComparer.Ordinal);

    public TaskGraph Graph { get; } = new();

    public IComputeBackend Backend { get; } = backend;

    public static FrameLowering For(ComputeOptions? options) => new(ComputeBackends.For(options?.Device));

    /// <summary>Lowers <paramref name="node"/> and everything it reads, each once.</summary>
    public void Lower(FrameNode node) => LayerOrder.InputsFirst(node, n => n.Name, n => n.Inputs, _lowered, n => n.Lower(this));

    /// <summary>True when a task <paramref name="key"/> is already in the graph (shared sub-results).</summary>
    public bool Has(string key) => Graph.Contains(key);
}
