using Tessera.Arrays.Lazy;
using Tessera.IO.Hdf5;
using Tessera.Kernels.Cpu;
using Tessera.Scheduling;

namespace Tessera.Arrays;

public static partial class BlockedArray
{
    /// <summary>
    /// A lazy array over an HDF5 dataset; blocks are read (and decompressed) in parallel when
    /// computed. Chunks default to whole multiples of the dataset's storage chunks near 128 MiB,
    /// so no stored chunk is read twice. <typeparamref name="T"/> must be the stored type
    /// (float for float32, double for float64, int for int32, long for int64); convert after
    /// reading with Astype.
    /// </summary>
    /// <remarks>
    /// The file is open only while blocks are being read: each read task holds the handle, and it
    /// closes when the last read in flight ends (the parsed metadata stays with the array). So no
    /// file stays open between computations, and nothing waits for the garbage collector.
    /// </remarks>
    public static BlockedArray<T> FromHdf5<T>(string path, string dataset, ChunkSpec chunks = default) where T : unmanaged
    {
        var file = Hdf5File.Open(path, ReadOnDemand);
        try
        {
            using var open = file.KeepOpen();
            var source = file.Dataset(dataset);
            var dtype = DTypes.Of<T>();
            var stored = source.ElementType;
            var expected = (dtype.IsFloatingPoint() ? Hdf5TypeClass.FloatingPoint : Hdf5TypeClass.FixedPoint, dtype.Size());
            if (dtype == DType.Bool)
            {
                throw new NotSupportedException(
                    $"HDF5 datasets cannot be read as bool arrays; read the stored integers (e.g. FromHdf5<byte>) and compare with 0.");
            }
            if ((stored.Class, stored.Size) != expected ||
                (stored.Class == Hdf5TypeClass.FixedPoint && stored.IsSigned != dtype.IsSignedInteger()))
            {
                throw new ArgumentException(
                    $"Dataset '{dataset}' in '{path}' stores {stored}, but FromHdf5<{typeof(T).Name}> reads {dtype.NumPyName()}. " +
                    "Use the type that matches the stored one (Half, float or double for float16/32/64; sbyte, short, int, long " +
                    "for signed and byte, ushort, uint, ulong for unsigned integers of 1, 2, 4, 8 bytes), " +
                    "or convert while reading: FromHdf5<TStored, T>, e.g. FromHdf5<short, float>.");
            }
            return Hdf5Blocks<T, T>(path, dataset, file, source, chunks, static v => v);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A lazy array over an HDF5 dataset stored as <typeparamref name="TStored"/> (any integer of
    /// 1–8 bytes, float or double), converted to <typeparamref name="T"/> block by block as it is
    /// read: <c>FromHdf5&lt;short, float&gt;(path, "/counts")</c>. The conversion is C#'s numeric
    /// conversion (saturating for floats into integers).
    /// </summary>
    public static BlockedArray<T> FromHdf5<TStored, T>(string path, string dataset, ChunkSpec chunks = default)
        where TStored : unmanaged, System.Numerics.INumberBase<TStored>
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        var file = Hdf5File.Open(path, ReadOnDemand);
        try
        {
            using var open = file.KeepOpen();
            var source = file.Dataset(dataset);
            _ = source.Read<TStored>(new Hyperslab(new long[source.Shape.Length], new long[source.Shape.Length])); // type check up front
            return Hdf5Blocks<TStored, T>(path, dataset, file, source, chunks, static v => T.CreateSaturating(v));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Lazy arrays keep their file open only while they read (<see cref="Hdf5OpenOptions.CloseWhenIdle"/>).</summary>
    private static readonly Hdf5OpenOptions ReadOnDemand = new() { CloseWhenIdle = true };

    private static BlockedArray<T> Hdf5Blocks<TStored, T>(string path, string dataset, Hdf5File file, Hdf5Dataset source, ChunkSpec chunks,
        Func<TStored, T> convert)
        where TStored : unmanaged
        where T : unmanaged
    {
        var dtype = DTypes.Of<T>();
        var grid = chunks.Resolve(source.Shape, dtype.Size(), source.ChunkShape);
        var info = new FileInfo(path);
        var name = TaskKeys.Name("hdf5", info.FullName, info.LastWriteTimeUtc.Ticks, dataset, typeof(TStored).Name, grid.ToString());
        Hyperslab Selection(int[] index, int[] blockShape) => new(grid.BlockOffset(index), [.. blockShape.Select(s => (long)s)]);
        return new(new BlocksNode(name, grid, dtype, "hdf5-read", (backend, index, blockShape) =>
        {
            // ReadInto writes every element (stored chunks, the fill value for missing ones): no need to zero first.
            var stored = HostArrays.Allocate<TStored>(Shapes.Length(blockShape), zeroed: false);
            using (file.KeepOpen())
            {
                source.ReadInto(Selection(index, blockShape), stored);
            } // straight into the block's memory: no tensor, no second copy
            var values = stored as T[] ?? Array.ConvertAll(stored, c => convert(c));
            return OnDevice(backend, CpuBuffer.Wrap(values, blockShape));
        }, typeof(TStored) == typeof(T) ? (start, shape, reuse) =>
        {
            // A consumer reading the block (or a band of it) inside its own task: reused memory, no allocation.
            var length = Shapes.Length(shape);
            var scratch = reuse is T[] reused && reused.LongLength >= length ? reused : ScratchBlocks.Rent<T>(length);
            try
            {
                using var open = file.KeepOpen();
                source.ReadInto(new Hyperslab(start, [.. shape.Select(s => (long)s)]), new ArraySegment<T>(scratch, 0, (int)length));
            }
            catch
            {
                if (!ReferenceEquals(scratch, reuse))
                {
                    ScratchBlocks.Return(scratch);
                }
                throw;
            }
            return (CpuBuffer.Wrap(scratch, 0, shape), scratch);
        }
        : null, readsRowBands: RowsAreContiguous(source)));
    }

    /// <summary>
    /// Whether any band of whole rows of the dataset is stored as contiguous bytes needing no
    /// decoding: unfiltered, and contiguous or chunked whole along every axis but the first.
    /// </summary>
    private static bool RowsAreContiguous(Hdf5Dataset source) =>
        source.Filters.Count == 0 && source.Shape.Length > 0 && source.Layout switch
        {
            Hdf5Layout.Contiguous => true,
            Hdf5Layout.Chunked => source.ChunkShape!.Skip(1).SequenceEqual(source.Shape.Skip(1)),
            _ => false,
        };
}
