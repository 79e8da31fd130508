using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.Backends;

/// <summary>
/// What every backend (CPU, CUDA, OpenCL) does for one chunk on one device. Calls
/// may run asynchronously on a device; <see cref="Synchronize"/> waits for them. One call uses
/// one thread on the CPU: parallelism comes from the scheduler running chunks at once.
/// </summary>
internal interface IComputeBackend
{
    Device Device { get; }

    /// <summary>A new zero-filled buffer.</summary>
    /// <summary>
    /// True when this backend holds and computes <paramref name="dtype"/> blocks; for other types
    /// <see cref="Allocate"/> throws a <see cref="NotSupportedException"/> that says where they run.
    /// </summary>
    bool Holds(DType dtype) => true;

    IDeviceBuffer Allocate(DType dtype, ReadOnlySpan<int> shape);

    /// <summary>Releases <paramref name="buffer"/>'s memory (same as disposing it).</summary>
    void Free(IDeviceBuffer buffer);

    /// <summary>Copies host elements into a buffer of the same element type and length.</summary>
    void CopyFromHost<T>(ReadOnlySpan<T> source, IDeviceBuffer destination) where T : unmanaged;

    /// <summary>Copies a buffer's elements to host memory of the same element type and length.</summary>
    void CopyToHost<T>(IDeviceBuffer source, Span<T> destination) where T : unmanaged;

    /// <summary>
    /// Evaluates <paramref name="expression"/> elementwise into <paramref name="output"/>.
    /// <c>InputExpr(i)</c> reads <paramref name="inputs"/>[i], broadcast NumPy-style (aligned on
    /// the right, size-1 or missing axes repeat) to the output's shape. The output's type must be
    /// the expression's.
    /// </summary>
    void Elementwise(Expr expression, IReadOnlyList<IDeviceBuffer> inputs, IDeviceBuffer output);

    /// <summary>
    /// Reduces <paramref name="prologue"/> (evaluated elementwise over the broadcast shape of the
    /// inputs, never materialised) over <paramref name="axes"/> (any set, in any order, negative
    /// counting from the end). The output has the kept axes (reduced ones dropped, or kept as size 1).
    /// <paramref name="ddof"/> is the delta degrees of freedom of var/std.
    /// </summary>
    void Reduce(ReductionKind kind, Expr prologue, IReadOnlyList<IDeviceBuffer> inputs,
        ReadOnlySpan<int> axes, IDeviceBuffer output, int ddof = 0);

    /// <summary>
    /// The mean and the population variance (ddof 0) of <paramref name="prologue"/> over
    /// <paramref name="axes"/> into two outputs shaped as <see cref="Reduce"/>'s: the partials of a
    /// blocked var/std. Backends that keep count, mean and M2 together do it in one pass over the
    /// inputs; the default is a <see cref="ReductionKind.Mean"/> then a <see cref="ReductionKind.Var"/> reduction.
    /// </summary>
    /// <remarks>The outputs' element type may be wider than the prologue's (float32 values, float64 moments).</remarks>
    void ReduceMoments(Expr prologue, IReadOnlyList<IDeviceBuffer> inputs, ReadOnlySpan<int> axes,
        IDeviceBuffer mean, IDeviceBuffer variance) =>
        MomentPasses.MeanThenVariance(this, prologue, inputs, axes, mean, variance);

    /// <summary>
    /// <c>C = alpha * op(A) * op(B) + beta * C</c> for float32/float64 2-D buffers, op being the
    /// transpose when the flag says so.
    /// </summary>
    void Gemm(bool transposeA, bool transposeB, double alpha, IDeviceBuffer a, IDeviceBuffer b,
        double beta, IDeviceBuffer c);

    /// <summary>
    /// Copies the box of <paramref name="extent"/> elements per axis at <paramref name="sourceStart"/> in
    /// <paramref name="source"/> to <paramref name="destinationStart"/> in <paramref name="destination"/>
    /// (same element type and rank, distinct buffers; other destination elements are kept): the pieces of
    /// a rechunk. The default copies both blocks through the host.
    /// </summary>
    void CopyRegion(IDeviceBuffer source, ReadOnlySpan<int> sourceStart, IDeviceBuffer destination,
        ReadOnlySpan<int> destinationStart, ReadOnlySpan<int> extent) =>
        HostRoundTrip.CopyRegion(this, source, sourceStart, destination, destinationStart, extent);

    /// <summary>
    /// <paramref name="source"/> with its axes permuted into <paramref name="destination"/>: destination
    /// axis d is source axis <paramref name="axes"/>[d] (NumPy's transpose). The default goes through the host.
    /// </summary>
    void Permute(IDeviceBuffer source, IDeviceBuffer destination, ReadOnlySpan<int> axes) =>
        HostRoundTrip.Permute(this, source, destination, axes);

    /// <summary>
    /// destination[places[0][i0], …, places[r-1][ir]] = source[picks[0][i0], …, picks[r-1][ir]] for every
    /// combination (slices with any step, flips, takes, broadcasts; picks[d] and places[d] have equal
    /// counts; both blocks have rank r; other destination elements are kept). The default goes through the host.
    /// </summary>
    void Gather(IDeviceBuffer source, IReadOnlyList<AxisPositions> picks, IDeviceBuffer destination,
        IReadOnlyList<AxisPositions> places) =>
        HostRoundTrip.Gather(this, source, picks, destination, places);

    /// <summary>
    /// <paramref name="source"/>'s elements under another shape of the same length, on the same device:
    /// a view sharing memory where the backend's buffers allow it (CPU), else a copy. The default goes
    /// through the host.
    /// </summary>
    IDeviceBuffer Reshape(IDeviceBuffer source, ReadOnlySpan<int> shape) => HostRoundTrip.Reshape(this, source, shape);

    /// <summary>Waits until every call made so far has finished.</summary>
    void Synchronize();
}
