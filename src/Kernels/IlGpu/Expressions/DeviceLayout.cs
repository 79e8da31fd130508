namespace Tessera.Kernels.IlGpu.Expressions;

/// <summary>
/// Up to <see cref="MaxRank"/> (extent, stride) pairs, innermost axis first, as plain fields: a
/// kernel argument cannot hold a managed array. <see cref="Offset"/> maps a flat row-major index
/// of the iteration shape to the element offset in the input (stride 0 repeats an axis).
/// </summary>
internal readonly struct DeviceLayout
{
    /// <summary>The most merged axes the fields hold; layouts with more use <see cref="GatherLeaf{T}"/>.</summary>
    public const int MaxRank = 6;

    /// <summary>The number of axes used.</summary>
    public readonly int Rank;

    /// <summary>Extents, innermost axis first (unused ones are 1).</summary>
    public readonly int E0, E1, E2, E3, E4, E5;

    /// <summary>Element strides, innermost axis first (unused ones are 0).</summary>
    public readonly int S0, S1, S2, S3, S4, S5;

    /// <summary>Packs extents and strides given outermost axis first (as shapes are written).</summary>
    public DeviceLayout(IReadOnlyList<int> extents, IReadOnlyList<int> strides)
    {
        var rank = extents.Count;
        if (rank > MaxRank || strides.Count != rank)
        {
            throw new ArgumentException(
                $"A fixed device layout holds at most {MaxRank} axes with one stride each; got {rank} extents and {strides.Count} strides.");
        }
        Rank = rank;
        int E(int k) => k < rank ? extents[rank - 1 - k] : 1;
        int S(int k) => k < rank ? strides[rank - 1 - k] : 0;
        (E0, E1, E2, E3, E4, E5) = (E(0), E(1), E(2), E(3), E(4), E(5));
        (S0, S1, S2, S3, S4, S5) = (S(0), S(1), S(2), S(3), S(4), S(5));
    }

    /// <summary>The element offset of flat iteration index <paramref name="index"/>.</summary>
    public int Offset(int index)
    {
        // Unrolled: every branch is uniform across a warp (Rank is a kernel argument), and the
        // outermost used axis needs no modulo because the index is in range.
        var rest = index;
        var offset = 0;
        if (Rank > 1)
        {
            offset += rest % E0 * S0;
            rest /= E0;
        }
        else
        {
            return rest * S0;
        }
        if (Rank > 2)
        {
            offset += rest % E1 * S1;
            rest /= E1;
        }
        else
        {
            return offset + (rest * S1);
        }
        if (Rank > 3)
        {
            offset += rest % E2 * S2;
            rest /= E2;
        }
        else
        {
            return offset + (rest * S2);
        }
        if (Rank > 4)
        {
            offset += rest % E3 * S3;
            rest /= E3;
        }
        else
        {
            return offset + (rest * S3);
        }
        if (Rank > 5)
        {
            offset += rest % E4 * S4;
            rest /= E4;
        }
        else
        {
            return offset + (rest * S4);
        }
        return offset + (rest * S5);
    }
}
