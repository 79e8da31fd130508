namespace Tessera.Kernels.Cpu.Fused;

/// <summary>
/// One node of a compiled fused expression: computes the node's values for one tile from its
/// children's slots into its own. One virtual call per node per tile (thousands of elements),
/// so dispatch costs nothing measurable while the per-element loops stay fully specialised.
/// </summary>
internal abstract class Step
{
    /// <summary>Computes the tile of <paramref name="count"/> elements starting at flat output index <paramref name="start"/>.</summary>
    public abstract void Run(long start, int count);

    /// <summary>Whether the step only points its slot at a contiguous input (no copy, no work per element).</summary>
    public virtual bool ReadsInPlace => false;

    /// <summary>The longest tile the step can produce at once (its tile buffer's length, or more when it reads in place).</summary>
    public virtual int TileCapacity => FusedProgram.TileLength;
}
