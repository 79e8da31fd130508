using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.Cpu.Fused;

/// <summary>
/// A fused expression compiled for the CPU: one step per distinct node, run tile by tile.
/// </summary>
/// <remarks>
/// Policy (as numexpr): the output is produced in tiles of <see cref="TileLength"/> elements;
/// every node computes its whole tile before its parent runs, so each operator is a tight,
/// vectorisable loop over a few kilobytes that stay in L1/L2, and no operator ever allocates a
/// temporary of the full size. Inputs read in output order are aliased in place; broadcast ones
/// are gathered per tile. Nodes shared by several parents (a DAG) are computed once per tile, and
/// a tile buffer is reused as soon as the node it held has been read for the last time.
/// </remarks>
internal sealed partial class FusedProgram
{
    /// <summary>
    /// Elements per tile: 1024 keeps the few tiles live at once (8 KB each in float64, buffers
    /// being reused once dead) within a 32 KB L1, while the per-tile dispatch (one virtual call
    /// per node) stays negligible next to the 1024-element loops.
    /// </summary>
    public const int TileLength = 1024;

    /// <summary>
    /// Elements per tile of a program that only reads one contiguous input in place: no tile
    /// buffers to keep in L1, so consumers (reductions) take longer runs straight from the input,
    /// and the per-tile work around each run (dispatch, compensated merges) is paid 16× less often.
    /// </summary>
    public const int InPlaceTileLength = 16 * 1024;

    private readonly List<Step> _steps = [];
    private readonly Dictionary<Expr, Slot> _slots = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Expr, int> _uses = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<DType, Stack<Array>> _free = [];
    private readonly IReadOnlyList<CpuBuffer> _inputs;
    private readonly int[] _shape;
    private Expr? _rootExpr;

    private FusedProgram(IReadOnlyList<CpuBuffer> inputs, int[] shape)
    {
        _inputs = inputs;
        _shape = shape;
    }

    /// <summary>The root's slot: its values for the last tile run.</summary>
    public Slot Root { get; private set; } = null!;

    /// <summary>The shape the expression is evaluated over (the output's, or the reduction's input).</summary>
    public IReadOnlyList<int> Shape => _shape;

    public long Length => Shapes.Length(_shape);

    /// <summary>
    /// Elements per tile for a consumer that only reads the root: longer when the program is one
    /// input, read in place when contiguous, else gathered into a tile buffer of that length (a
    /// strided view: 128 KiB of float64, in L2), so the consumer sees the same tiles either way.
    /// </summary>
    public int ReadingTileLength => _steps.Count == 1 ? Math.Min(InPlaceTileLength, _steps[0].TileCapacity) : TileLength;

    public static FusedProgram Compile(Expr root, IReadOnlyList<CpuBuffer> inputs, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(root);
        var program = new FusedProgram(inputs, shape);
        program._rootExpr = root;
        program.CountUses(root);
        program.Root = program.Build(root);
        return program;
    }

    /// <summary>Computes the tile [start, start + count) of the flat (row-major) index space.</summary>
    public void Run(long start, int count)
    {
        foreach (var step in _steps)
        {
            step.Run(start, count);
        }
    }
}
