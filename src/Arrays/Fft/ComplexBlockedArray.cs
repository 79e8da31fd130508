using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Tessera.Arrays;

/// <summary>
/// A lazy blocked array of <see cref="Complex"/> values: what the FFTs return. Tessera's element
/// types (<see cref="DType"/>) have no complex type yet, so the values are held as a
/// <c>BlockedArray&lt;double&gt;</c> with one more axis, of length 2 and one chunk, holding each
/// element's real and imaginary parts (<see cref="Interleaved"/>) — the memory layout of
/// <see cref="Complex"/> itself, and of NumPy's <c>z.view(np.float64)</c> reshaped to (…, 2).
/// When <c>BlockedArray&lt;Complex&gt;</c> exists, this type becomes a view of it.
/// </summary>
public sealed class ComplexBlockedArray
{
    /// <summary>Wraps an array whose last axis (length 2, one chunk) holds real and imaginary parts.</summary>
    /// <exception cref="ArgumentException">The last axis is not of length 2 in one chunk.</exception>
    public ComplexBlockedArray(BlockedArray<double> interleaved)
    {
        ArgumentNullException.ThrowIfNull(interleaved);
        if (interleaved.Rank == 0 || interleaved.Shape[^1] != 2 || interleaved.Chunks.BlockCounts[^1] != 1)
        {
            throw new ArgumentException(
                $"A complex array is held as doubles with a last axis of length 2 in one chunk (real, imaginary); got chunks {interleaved.Chunks}. " +
                "Use ComplexBlockedArray.FromParts(real, imaginary) to build one from two arrays.", nameof(interleaved));
        }
        Interleaved = interleaved;
    }

    /// <summary>The values as doubles with a trailing axis of length 2: [..., 0] the real parts, [..., 1] the imaginary parts.</summary>
    public BlockedArray<double> Interleaved { get; }

    /// <summary>The array's shape (without the real/imaginary axis).</summary>
    public IReadOnlyList<long> Shape => [.. Interleaved.Shape.Take(Rank)];

    /// <summary>Number of axes (without the real/imaginary axis).</summary>
    public int Rank => Interleaved.Rank - 1;

    /// <summary>The block sizes per axis (without the real/imaginary axis).</summary>
    public ChunkGrid Chunks => new([.. Interleaved.Chunks.Chunks.Take(Rank)]);

    /// <summary>The deterministic layer name.</summary>
    public string Name => Interleaved.Name;

    /// <summary>The real parts.</summary>
    public BlockedArray<double> Real => Interleaved.Slice(Rank, 0, 1).Squeeze(Rank);

    /// <summary>The imaginary parts.</summary>
    public BlockedArray<double> Imag => Interleaved.Slice(Rank, 1, 2).Squeeze(Rank);

    /// <summary>The magnitudes |z| (NumPy's <c>abs</c> of a complex array).</summary>
    public BlockedArray<double> Abs() => BlockedArray.Hypot(Real, Imag);

    /// <summary>The complex conjugates.</summary>
    public ComplexBlockedArray Conj() => FromParts(Real, -Imag);

    /// <summary>A complex array from real and (optionally) imaginary parts of equal shape; the parts' chunks are unified.</summary>
    public static ComplexBlockedArray FromParts(BlockedArray<double> real, BlockedArray<double>? imaginary = null)
    {
        ArgumentNullException.ThrowIfNull(real);
        var imag = imaginary ?? real * 0.0;
        if (!real.Shape.SequenceEqual(imag.Shape))
        {
            throw new ArgumentException(
                $"The real parts have shape ({string.Join(", ", real.Shape)}) and the imaginary parts ({string.Join(", ", imag.Shape)}); they must match.",
                nameof(imaginary));
        }
        var stacked = BlockedArray.Stack([real, imag], real.Rank);
        return new(stacked.Rechunk(new Dictionary<int, long> { [real.Rank] = -1 }));
    }

    /// <summary>A complex array from a tensor in memory, cut into <paramref name="chunks"/>.</summary>
    public static ComplexBlockedArray FromTensor(Tensor<Complex> tensor, ChunkSpec chunks = default)
    {
        var values = new Complex[tensor.FlattenedLength];
        tensor.FlattenTo(values);
        var shape = tensor.Lengths.ToArray().Select(l => (long)l).ToArray();
        var grid = chunks.Resolve(shape, 16);
        var doubles = MemoryMarshal.Cast<Complex, double>(values.AsSpan()).ToArray();
        return new(BlockedArray.FromArray(doubles, [.. shape, 2], ChunkSpec.Explicit([.. grid.Chunks.Select(c => c.ToArray()), [2]])));
    }

    /// <summary>Computes the array into one tensor of <see cref="Complex"/> values in host memory.</summary>
    public Tensor<Complex> Compute(ComputeOptions? options = null)
    {
        var doubles = Interleaved.ComputeValues(options);
        var values = MemoryMarshal.Cast<double, Complex>(doubles.AsSpan()).ToArray();
        return Tensor.Create(values, Rank == 0 ? [1] : [.. Shape.Select(d => (nint)d)]);
    }

    /// <summary>Shape, chunks and the layer name.</summary>
    public override string ToString() =>
        $"ComplexBlockedArray(shape=({string.Join(", ", Shape)}{(Rank == 1 ? "," : "")}), dtype=complex128, chunks={Chunks}, name={Name})";
}
