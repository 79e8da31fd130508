namespace Tessera.Scheduling;

/// <summary>
/// Runs a whole task graph somewhere other than this process. <see cref="GraphRunner"/> hands a
/// graph to the <see cref="ComputeOptions.Client"/> through this interface, so collections compute
/// on a cluster without knowing it exists (the distributed layer implements it; Core and the
/// scheduler never reference that layer).
/// </summary>
public interface IGraphExecutor
{
    /// <summary>Computes <paramref name="outputs"/> of <paramref name="graph"/> and returns their results in the same order.</summary>
    object?[] Run(TaskGraph graph, IReadOnlyList<string> outputs, ComputeOptions options);

    /// <summary>As <see cref="Run"/>, without blocking the caller (what ComputeAsync awaits).</summary>
    Task<object?[]> RunAsync(TaskGraph graph, IReadOnlyList<string> outputs, ComputeOptions options) =>
        Task.Run(() => Run(graph, outputs, options));

    /// <summary>
    /// Computes <paramref name="outputs"/> and keeps them where they were computed, returning a
    /// handle per output (an <see cref="IRemoteResult"/> a later graph can hold as a constant), as
    /// dask's <c>client.persist</c>. An executor that cannot keep results returns the values.
    /// </summary>
    object?[] Persist(TaskGraph graph, IReadOnlyList<string> outputs, ComputeOptions options) => Run(graph, outputs, options);
}
