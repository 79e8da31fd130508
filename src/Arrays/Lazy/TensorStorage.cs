using System.Numerics.Tensors;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tessera.Arrays.Lazy;

/// <summary>
/// The array behind a dense row-major <see cref="Tensor{T}"/>, so that <c>FromTensor</c> and
/// <c>FromFunction</c> can view the tensor's values instead of copying them.
/// </summary>
/// <remarks>
/// Why reflection: <c>Tensor&lt;T&gt;</c> (System.Numerics.Tensors 10.0) exposes its storage only
/// as a <c>ref T</c>, spans and ref-struct tensor spans, none of which a block can hold across
/// tasks; it keeps the values in a private array field. That field is read here and trusted only
/// when the tensor's own public span of all its elements lies inside it, so a package that
/// renames or changes the field makes this return false (and the caller copies) instead of
/// returning memory that is not the tensor's.
/// </remarks>
internal static class TensorStorage
{
    /// <summary>
    /// The array holding <paramref name="tensor"/>'s values in row-major order from
    /// <paramref name="offset"/>, when the tensor is dense and row-major and its array can be
    /// verified; false otherwise (a strided or broadcast slice, an empty tensor, another package version).
    /// </summary>
    public static bool TryGetDense<T>(Tensor<T> tensor, out T[] values, out int offset)
    {
        values = [];
        offset = 0;
        var length = tensor.FlattenedLength;
        if (length == 0 || length > int.MaxValue || !IsRowMajor(tensor.Lengths, tensor.Strides)
            || Field<T>.Values?.GetValue(tensor) is not T[] array)
        {
            return false;
        }
        // The tensor's own span of all its elements (GetPinnableReference is not it: on a slice it
        // refers to the array's first element, not the slice's).
        Span<nint> origin = stackalloc nint[tensor.Rank];
        if (!tensor.TryGetSpan(origin, (int)length, out ReadOnlySpan<T> span) || span.Length != length)
        {
            return false;
        }
        var bytes = Unsafe.ByteOffset(ref MemoryMarshal.GetArrayDataReference(array), ref MemoryMarshal.GetReference(span));
        var size = Unsafe.SizeOf<T>();
        // A span outside the array starts outside [0, array bytes): the array then is not the
        // tensor's storage.
        if (bytes < 0 || bytes % size != 0 || (bytes / size) + length > array.Length)
        {
            return false;
        }
        values = array;
        offset = checked((int)(bytes / size));
        return true;
    }

    /// <summary>Whether <paramref name="strides"/> are the row-major strides of <paramref name="lengths"/> (any stride on an axis of length one).</summary>
    private static bool IsRowMajor(ReadOnlySpan<nint> lengths, ReadOnlySpan<nint> strides)
    {
        nint expected = 1;
        for (var d = lengths.Length - 1; d >= 0; d--)
        {
            if (lengths[d] != 1 && strides[d] != expected)
            {
                return false;
            }
            expected *= lengths[d];
        }
        return true;
    }

    private static class Field<T>
    {
        public static readonly FieldInfo? Values = typeof(Tensor<T>).GetField("_values", BindingFlags.Instance | BindingFlags.NonPublic) is { } field
            && field.FieldType == typeof(T[]) ? field : null;
    }
}
