namespace Tessera.Scheduling;

/// <summary>
/// A task graph turned into integer-indexed arrays for the executors: the hot loop never
/// hashes a key. Dependencies and dependents are stored CSR-style (offsets + flat targets),
/// and each argument position names either a dependency's index or a literal.
/// </summary>
internal sealed partial class CompiledGraph
{
    public required string[] Keys { get; init; }
    public required string[] Kinds { get; init; }

    /// <summary>Functions; null for constants, whose value sits in <see cref="ConstantValues"/>.</summary>
    public required TaskFunction?[] Functions { get; init; }
    public required object?[] ConstantValues { get; init; }

    /// <summary>Task i's arguments are positions ArgStart[i] .. ArgStart[i+1].</summary>
    public required int[] ArgStart { get; init; }

    /// <summary>Per argument position: the index of the task whose result it is, or -1 for a literal.</summary>
    public required int[] ArgTask { get; init; }
    public required object?[] ArgLiteral { get; init; }

    /// <summary>Unique dependencies of task i: DepTargets[DepStart[i] .. DepStart[i+1]].</summary>
    public required int[] DepStart { get; init; }
    public required int[] DepTargets { get; init; }

    /// <summary>Tasks that depend on task i: DependentTargets[DependentStart[i] .. DependentStart[i+1]].</summary>
    public required int[] DependentStart { get; init; }
    public required int[] DependentTargets { get; init; }

    /// <summary>Indexes of the requested results, in request order.</summary>
    public required int[] Outputs { get; init; }

    public int Count => Keys.Length;

    public ReadOnlySpan<int> Dependencies(int task) => DepTargets.AsSpan(DepStart[task], DepStart[task + 1] - DepStart[task]);

    public ReadOnlySpan<int> Dependents(int task) =>
        DependentTargets.AsSpan(DependentStart[task], DependentStart[task + 1] - DependentStart[task]);
}
