using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tessera.Kernels.Cpu;

/// <summary>
/// Host chunks spill as a small header (dtype, rank, extents, as 32-bit integers) followed by
/// the elements' bytes exactly as they sit in memory, so a restored chunk is bit-identical
/// (NaN payloads and negative zeros included). A window of a larger array spills only its window
/// and is restored as a compact buffer of its own.
/// </summary>
internal abstract partial class CpuBuffer : ISpillable
{
    /// <summary>The most axes a spilled header may declare (a guard against reading a damaged header).</summary>
    internal const int MaxSpillRank = 64;

    /// <summary>Bytes written per call, so a chunk larger than 2 GiB of bytes still spills (spans are int-indexed).</summary>
    private protected const int SpillPieceBytes = 1 << 30;

    public abstract ISpillCodec SpillCodec { get; }

    public abstract void SpillTo(Stream destination);
}

internal sealed partial class CpuBuffer<T>
{
    public override ISpillCodec SpillCodec => CpuBufferSpillCodec<T>.Instance;

    public override void SpillTo(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Span<int> header = stackalloc int[2 + Shape.Count];
        header[0] = (int)DType;
        header[1] = Shape.Count;
        for (var k = 0; k < Shape.Count; k++)
        {
            header[2 + k] = Shape[k];
        }
        destination.Write(MemoryMarshal.AsBytes(header));
        var elements = Span;
        var perPiece = SpillPieceBytes / Unsafe.SizeOf<T>();
        while (!elements.IsEmpty)
        {
            var piece = elements[..Math.Min(elements.Length, perPiece)];
            destination.Write(CpuBufferSpillCodec<T>.Bytes(piece));
            elements = elements[piece.Length..];
        }
    }
}

/// <summary>Restores <see cref="CpuBuffer{T}"/>s from what <see cref="CpuBuffer{T}.SpillTo(Stream)"/> wrote.</summary>
internal sealed class CpuBufferSpillCodec<T> : ISpillCodec
{
    public static CpuBufferSpillCodec<T> Instance { get; } = new();

    private CpuBufferSpillCodec()
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            throw new NotSupportedException($"CpuBuffer<{typeof(T).Name}> holds references and cannot be spilled as bytes.");
        }
    }

    public ISpillable Restore(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Span<int> fixedPart = stackalloc int[2];
        source.ReadExactly(MemoryMarshal.AsBytes(fixedPart));
        var (dtype, rank) = ((DType)fixedPart[0], fixedPart[1]);
        if (dtype != DTypes.Of<T>() || rank is < 0 or > CpuBuffer.MaxSpillRank)
        {
            throw new InvalidDataException(
                $"A spilled CpuBuffer<{typeof(T).Name}> header says dtype {fixedPart[0]} and rank {rank}; expected dtype " +
                $"{DTypes.Of<T>()} and a rank from 0 to {CpuBuffer.MaxSpillRank}.");
        }
        var shape = new int[rank];
        source.ReadExactly(MemoryMarshal.AsBytes(shape.AsSpan()));
        long elements = 1;
        foreach (var extent in shape)
        {
            elements = extent < 0 ? -1 : elements * extent;
            if (elements < 0 || elements > Array.MaxLength)
            {
                throw new InvalidDataException(
                    $"A spilled CpuBuffer header has shape [{string.Join(", ", shape)}], which no buffer can have.");
            }
        }
        var remaining = Remaining(source);
        if (remaining is { } left && left != elements * Unsafe.SizeOf<T>())
        {
            throw new InvalidDataException(
                $"A spilled CpuBuffer of shape [{string.Join(", ", shape)}] needs {elements * Unsafe.SizeOf<T>():N0} bytes of " +
                $"elements; the stream holds {left:N0}.");
        }
        var array = new T[elements];
        Span<T> target = array;
        var perPiece = (1 << 30) / Unsafe.SizeOf<T>();
        while (!target.IsEmpty)
        {
            var piece = target[..Math.Min(target.Length, perPiece)];
            source.ReadExactly(Bytes(piece));
            target = target[piece.Length..];
        }
        return new CpuBuffer<T>(array, 0, shape);
    }

    /// <summary>The bytes of unmanaged elements (T is unconstrained on CpuBuffer, so MemoryMarshal.AsBytes does not apply).</summary>
    internal static Span<byte> Bytes(Span<T> elements) =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(elements)), elements.Length * Unsafe.SizeOf<T>());

    private static long? Remaining(Stream source)
    {
        try
        {
            return source.Length - source.Position;
        }
        catch (NotSupportedException)
        {
            return null; // a stream that cannot tell: the element read below fails if bytes are missing
        }
    }
}
