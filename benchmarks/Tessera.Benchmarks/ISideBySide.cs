namespace Tessera.Benchmarks;

/// <summary>
/// A workload run in Tessera and in NumPy/Dask in the same invocation, printing both
/// figures and their ratio. Implementations are found by reflection, so adding one is
/// adding a file.
/// </summary>
internal interface ISideBySide
{
    /// <summary>Name used on the command line, e.g. "scheduler-overhead".</summary>
    string Name { get; }

    /// <summary>One line saying what is measured.</summary>
    string Description { get; }

    /// <summary>Runs the workload; <paramref name="args"/> are the arguments after the name.</summary>
    void Run(string[] args);
}
