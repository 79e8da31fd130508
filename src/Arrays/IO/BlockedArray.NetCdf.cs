using Tessera.Arrays.Lazy;
using Tessera.IO.Hdf5;
using Tessera.IO.NetCdf;
using Tessera.Kernels.Cpu;
using Tessera.Scheduling;

namespace Tessera.Arrays;

public static partial class BlockedArray
{
    /// <summary>
    /// A lazy array over netCDF-4 variable <paramref name="variable"/> ("tas", or "group/tas"), with
    /// its dimensions and coordinates attached (<see cref="BlockedArrayLabels.Labels{T}"/>, used by
    /// <c>Sel</c> and <c>ToNetCdf</c>). With <paramref name="decode"/> the CF encoding is applied as
    /// each block is read, in the same pass over the stored values: <c>_FillValue</c> and
    /// <c>missing_value</c> become NaN, <c>scale_factor</c>/<c>add_offset</c> unpack, and with
    /// <paramref name="maskInvalid"/> values outside <c>valid_range</c> become NaN. A decoded
    /// variable reads as float or double (xarray gives float32 for float32 data and for packed
    /// 1–2 byte integers without an offset, float64 otherwise; <see cref="CfEncoding.DecodesToSingle"/>).
    /// Time coordinates decode to <see cref="DateTime"/>.
    /// </summary>
    public static BlockedArray<T> FromNetCdf<T>(string path, string variable, bool decode = true, bool maskInvalid = false,
        ChunkSpec chunks = default) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(variable);
        var file = Tessera.IO.NetCdf.NetCdf.Open(path);
        try
        {
            var v = file.Variable(variable);
            var labels = LabelsOf(file, variable, v, decode);
            var encoding = v.Encoding;
            var needsDecoding = decode && (!encoding.IsIdentity || (maskInvalid && (encoding.ValidMin ?? encoding.ValidMax) is not null));
            if (!needsDecoding)
            {
                var raw = FromHdf5<T>(path, v.Path, chunks);
                file.Dispose();
                return LabelRegistry.Attach(raw, labels);
            }
            if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
            {
                var xarray = encoding.DecodesToSingle(v.StoredType) ? "float" : "double";
                throw new ArgumentException(
                    $"Variable '{variable}' in '{path}' is CF-encoded ({Describe(encoding)}), so it decodes to floating point; " +
                    $"read it as FromNetCdf<{xarray}> (what xarray gives) or FromNetCdf<double>, or pass decode: false for the stored {v.StoredType}.");
            }
            return LabelRegistry.Attach(DecodedBlocks<T>(path, v, encoding, maskInvalid, chunks), labels);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static BlockedArray<T> DecodedBlocks<T>(string path, NetCdfVariable v, CfEncoding encoding, bool maskInvalid, ChunkSpec chunks)
        where T : unmanaged
    {
        var dtype = DTypes.Of<T>();
        var dataset = v.Dataset;
        var grid = chunks.Resolve(dataset.Shape, dtype.Size(), dataset.ChunkShape);
        var info = new FileInfo(path);
        var name = TaskKeys.Name("netcdf", info.FullName, info.LastWriteTimeUtc.Ticks, v.Path, maskInvalid.ToString(), grid.ToString());
        return new(new BlocksNode(name, grid, dtype, "netcdf-read", (backend, index, blockShape) =>
        {
            var values = HostArrays.Allocate<T>(Shapes.Length(blockShape), zeroed: false);
            NumericRead.Decoded(dataset, new Hyperslab(grid.BlockOffset(index), [.. blockShape.Select(s => (long)s)]), encoding,
                values.AsSpan(), maskInvalid);
            return OnDevice(backend, CpuBuffer.Wrap(values, blockShape));
        }, (start, shape, reuse) =>
        {
            // Consumers read (and decode) the block inside their own task, into reused memory.
            var length = Shapes.Length(shape);
            var scratch = reuse is T[] reused && reused.LongLength >= length ? reused : ScratchBlocks.Rent<T>(length);
            try
            {
                NumericRead.Decoded(dataset, new Hyperslab(start, [.. shape.Select(s => (long)s)]), encoding,
                    scratch.AsSpan(0, (int)length), maskInvalid);
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
        }, readsRowBands: RowsAreContiguous(dataset))); // decoding a band costs what decoding the block costs, per element
    }

    private static ArrayLabels LabelsOf(NetCdfFile file, string path, NetCdfVariable v, bool decode)
    {
        var group = file.GroupOf(path);
        var coords = new Dictionary<string, Array>(StringComparer.Ordinal);
        foreach (var dim in v.Dimensions)
        {
            if (group.CoordinateFor(dim) is { } coordinate)
            {
                coords[dim] = decode && coordinate.IsTime ? coordinate.ReadTimes() : coordinate.ReadDoubles();
            }
        }
        return new ArrayLabels(v.Dimensions, coords, v.Attributes);
    }

    private static string Describe(CfEncoding e) => string.Join(", ", new[]
    {
        e.ScaleFactor is { } s ? $"scale_factor {s}" : null,
        e.AddOffset is { } o ? $"add_offset {o}" : null,
        e.MissingValues.Count > 0 ? $"fill/missing {string.Join(" ", e.MissingValues)}" : null,
        e.ValidMin is not null || e.ValidMax is not null ? "valid range" : null,
    }.Where(p => p is not null));
}
