using System.Numerics.Tensors;
using Tessera.Arrays.Lazy;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using Tessera.Scheduling;

namespace Tessera.Arrays;

/// <summary>Factories for <see cref="BlockedArray{T}"/>, as <c>Tensor</c> is for <c>Tensor&lt;T&gt;</c>.</summary>
public static partial class BlockedArray
{
    /// <summary>
    /// An array over <paramref name="values"/> (row-major) of <paramref name="shape"/>, cut into
    /// <paramref name="chunks"/>. The values are not copied: blocks are views of
    /// <paramref name="values"/> (blocks that are not one contiguous window of it, chunks along an
    /// inner axis, are strided views that reductions read in place; only a task that keeps such a
    /// block as its result gathers it into a new one), so <paramref name="values"/> must not
    /// change until every computation over this array (and every array persisted from it) has
    /// ended. Tessera only reads it. To change the values meanwhile, pass a copy.
    /// </summary>
    public static BlockedArray<T> FromArray<T>(T[] values, long[] shape, ChunkSpec chunks = default) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(shape);
        var count = shape.Aggregate(1L, (a, b) => a * b);
        if (count != values.Length)
        {
            throw new ArgumentException(
                $"Shape {BlockShapes.Text(shape)} holds {count} elements, but {values.Length} values were given.", nameof(values));
        }
        return View(values, 0, shape, chunks);
    }

    /// <summary>Blocks that view the row-major array of <paramref name="shape"/> held in <paramref name="values"/> from <paramref name="origin"/>.</summary>
    private static BlockedArray<T> View<T>(T[] values, int origin, long[] shape, ChunkSpec chunks) where T : unmanaged
    {
        var grid = chunks.Resolve(shape, DTypes.Of<T>().Size());
        var dims = (long[])shape.Clone();
        // Blocks of their own (a consumer that keeps them, or a device) are views where they can
        // be; a reduction reads its blocks in its own task: views at an offset, or strided views.
        // Row bands would only add merges: a view is read in place, with nothing to keep in cache.
        return new(new BlocksNode(TaskKeys.Name("array", values, origin, grid.ToString()), grid, DTypes.Of<T>(), "array",
            (backend, index, blockShape) => OnDevice(backend, ArrayViews.Block(values, origin, dims, grid.BlockOffset(index), blockShape)),
            (start, blockShape, reuse) => ArrayViews.Read(values, origin, dims, start, blockShape, reuse),
            readsRowBands: false, viewsInMemory: true));
    }

    /// <summary>
    /// An array over the values of <paramref name="tensor"/>, cut into <paramref name="chunks"/>.
    /// A dense row-major tensor (one made by <c>Tensor.Create</c> over an array, or a slice of
    /// whole trailing rows of one) is not copied: blocks are views of its values, as in
    /// <see cref="FromArray{T}(T[], long[], ChunkSpec)"/>, so the tensor must not change until
    /// every computation over this array has ended; Tessera only reads it. A strided or broadcast
    /// tensor is copied once into an array of its own.
    /// </summary>
    /// <remarks>
    /// <c>Tensor&lt;T&gt;</c> exposes no array or <c>Memory&lt;T&gt;</c> of its storage, so the array
    /// is found through the tensor's private field and checked against its public element
    /// reference; see docs/design-notes.md, "In-memory inputs are views".
    /// </remarks>
    public static BlockedArray<T> FromTensor<T>(Tensor<T> tensor, ChunkSpec chunks = default) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(tensor);
        long[] shape = [.. tensor.Lengths.ToArray().Select(l => (long)l)];
        if (TensorStorage.TryGetDense(tensor, out var values, out var origin))
        {
            return View(values, origin, shape, chunks);
        }
        var copy = new T[tensor.FlattenedLength];
        tensor.FlattenTo(copy);
        return FromArray(copy, shape, chunks);
    }

    /// <summary>
    /// An array whose blocks come from <paramref name="makeBlock"/>(block index, block shape),
    /// which must return a tensor of exactly that shape. Named by <paramref name="name"/> when
    /// given (so equal calls share work), else by the function's identity.
    /// </summary>
    public static BlockedArray<T> FromFunction<T>(long[] shape, ChunkSpec chunks, Func<int[], long[], Tensor<T>> makeBlock,
        string? name = null) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(makeBlock);
        var grid = chunks.Resolve(shape, DTypes.Of<T>().Size());
        var layer = name ?? TaskKeys.Name("from-function", System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(makeBlock), grid.ToString());
        return FromBlocks<T>(layer, grid, "from-function", (backend, index, blockShape) =>
        {
            var tensor = makeBlock(index, [.. blockShape.Select(s => (long)s)]);
            if (!tensor.Lengths.ToArray().Select(l => (int)l).SequenceEqual(blockShape))
            {
                throw new InvalidOperationException(
                    $"FromFunction returned a tensor of shape ({string.Join(", ", tensor.Lengths.ToArray())}) for block " +
                    $"[{string.Join(", ", index)}], whose shape is ({string.Join(", ", blockShape)}).");
            }
            // A dense tensor is the block as it is; a strided one is copied into a block of its own.
            if (TensorStorage.TryGetDense(tensor, out var values, out var origin))
            {
                return OnDevice(backend, CpuBuffer.Wrap(values, origin, blockShape));
            }
            var copy = new T[tensor.FlattenedLength];
            tensor.FlattenTo(copy);
            return OnDevice(backend, CpuBuffer.Wrap(copy, blockShape));
        });
    }

    /// <summary>An array of <paramref name="shape"/> filled with <paramref name="value"/>.</summary>
    public static BlockedArray<T> Full<T>(long[] shape, T value, ChunkSpec chunks = default) where T : unmanaged
    {
        var grid = chunks.Resolve(shape, DTypes.Of<T>().Size());
        return FromBlocks<T>(TaskKeys.Name("full", value, grid.ToString()), grid, "full", (backend, _, blockShape) =>
        {
            var block = (CpuBuffer<T>)CpuBuffer.Allocate(DTypes.Of<T>(), blockShape);
            block.Span.Fill(value);
            return OnDevice(backend, block);
        });
    }

    /// <summary>An array of zeros.</summary>
    public static BlockedArray<T> Zeros<T>(long[] shape, ChunkSpec chunks = default) where T : unmanaged, System.Numerics.INumberBase<T> =>
        Full(shape, T.Zero, chunks);

    /// <summary>An array of ones.</summary>
    public static BlockedArray<T> Ones<T>(long[] shape, ChunkSpec chunks = default) where T : unmanaged, System.Numerics.INumberBase<T> =>
        Full(shape, T.One, chunks);

    /// <summary>0, 1, …, <paramref name="count"/> − 1 as a one-dimensional array.</summary>
    public static BlockedArray<T> Arange<T>(long count, ChunkSpec chunks = default) where T : unmanaged, System.Numerics.INumber<T>
    {
        var grid = chunks.Resolve([count], DTypes.Of<T>().Size());
        return FromBlocks<T>(TaskKeys.Name("arange", count, grid.ToString()), grid, "arange", (backend, index, blockShape) =>
        {
            var start = grid.BlockOffset(index)[0];
            var block = (CpuBuffer<T>)CpuBuffer.Allocate(DTypes.Of<T>(), blockShape);
            var span = block.Span;
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = T.CreateChecked(start + i);
            }
            return OnDevice(backend, block);
        });
    }

    private static BlockedArray<T> FromBlocks<T>(string name, ChunkGrid grid, string kind,
        Func<IComputeBackend, int[], int[], IDeviceBuffer> makeBlock) where T : unmanaged =>
        new(new BlocksNode(name, grid, DTypes.Of<T>(), kind, makeBlock));

    /// <summary>A host block moved to the run's device (no copy on the CPU).</summary>
    internal static IDeviceBuffer OnDevice<T>(IComputeBackend backend, CpuBuffer<T> block) where T : unmanaged
    {
        if (backend.Device == Device.Cpu)
        {
            return block;
        }
        var buffer = backend.Allocate(block.DType, [.. block.Shape]);
        backend.CopyFromHost<T>(block.Span, buffer);
        return buffer;
    }
}
