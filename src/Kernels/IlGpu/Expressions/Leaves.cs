using ILGPU;

namespace Tessera.Kernels.IlGpu.Expressions;

// The leaves of a device expression: inputs read from device memory and constants. Which input
// leaf a buffer gets depends on how it maps onto the iteration shape (DeviceLeaves chooses), so
// the common cases (same shape, one element) cost one load and no index arithmetic.

/// <summary>An input whose shape is the iteration shape (or merges to it): element <c>index</c> itself.</summary>
internal readonly struct DenseLeaf<T>(ArrayView<T> view) : IDeviceExpr<T> where T : unmanaged
{
    /// <summary>The input's elements.</summary>
    public readonly ArrayView<T> View = view;

    /// <inheritdoc/>
    public T Eval(int index) => View[index];
}

/// <summary>An input of one element broadcast to every index.</summary>
internal readonly struct ScalarLeaf<T>(ArrayView<T> view) : IDeviceExpr<T> where T : unmanaged
{
    /// <summary>The input's one element (a view of length 1).</summary>
    public readonly ArrayView<T> View = view;

    /// <inheritdoc/>
    public T Eval(int index) => View[0];
}

/// <summary>
/// An input read with broadcast strides (0 on repeated axes): the flat index is decomposed by the
/// layout's extents, innermost axis first. The layout is the merged one (<see cref="DeviceLayout"/>),
/// so most broadcasts need one or two axes; fixed fields because kernel arguments cannot hold arrays.
/// </summary>
internal readonly struct StridedLeaf<T>(ArrayView<T> view, DeviceLayout layout) : IDeviceExpr<T> where T : unmanaged
{
    /// <summary>The input's elements.</summary>
    public readonly ArrayView<T> View = view;

    /// <summary>Extents and element strides in the iteration order.</summary>
    public readonly DeviceLayout Layout = layout;

    /// <inheritdoc/>
    public T Eval(int index) => View[Layout.Offset(index)];
}

/// <summary>
/// An input read through a layout of more axes than <see cref="DeviceLayout"/> holds, kept in
/// device memory (extents then strides, innermost axis first). Rare: only an input whose
/// broadcast pattern alternates over more than <see cref="DeviceLayout.MaxRank"/> merged axes.
/// </summary>
internal readonly struct GatherLeaf<T>(ArrayView<T> view, ArrayView<int> layout, int rank) : IDeviceExpr<T> where T : unmanaged
{
    /// <summary>The input's elements.</summary>
    public readonly ArrayView<T> View = view;

    /// <summary><c>rank</c> extents followed by <c>rank</c> strides, innermost axis first.</summary>
    public readonly ArrayView<int> Layout = layout;

    /// <summary>The number of merged axes.</summary>
    public readonly int Rank = rank;

    /// <inheritdoc/>
    public T Eval(int index)
    {
        var offset = 0;
        var rest = index;
        for (var k = 0; k < Rank; k++)
        {
            var extent = Layout[k];
            offset += rest % extent * Layout[Rank + k];
            rest /= extent;
        }
        return View[offset];
    }
}

/// <summary>A constant (a kernel argument, so <c>x * 2</c> and <c>x * 3</c> share one kernel).</summary>
internal readonly struct Const<T>(T value) : IDeviceExpr<T> where T : unmanaged
{
    /// <summary>The value, in device storage (bool as byte 0/1).</summary>
    public readonly T Value = value;

    /// <inheritdoc/>
    public T Eval(int index) => Value;
}
