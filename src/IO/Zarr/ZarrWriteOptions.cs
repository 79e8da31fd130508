using System.Text.Json.Nodes;

namespace Tessera.IO.Zarr;

/// <summary>How <c>ToZarr</c> and <see cref="ZarrArrayWriter"/> write an array.</summary>
public sealed record ZarrWriteOptions
{
    /// <summary>2 (the default: what zarr-python 2 and xarray 2022 read) or 3.</summary>
    public int FormatVersion { get; init; } = 2;

    /// <summary>The chunk shape; null makes one chunk per block of the array being written.</summary>
    public IReadOnlyList<long>? Chunks { get; init; }

    /// <summary>The compressor; zarr-python 2's default (Blosc, LZ4, byte shuffle) when null.</summary>
    public ZarrCompressor? Compressor { get; init; }

    /// <summary>
    /// What unwritten chunks read as. Null means NaN for floating-point arrays and no fill value
    /// for integers and booleans (xarray's choice, so integers are not masked when opened).
    /// </summary>
    public double? FillValue { get; init; }

    /// <summary>Dimension names, written as xarray's <c>_ARRAY_DIMENSIONS</c> (v2) or <c>dimension_names</c> (v3).</summary>
    public IReadOnlyList<string>? DimensionNames { get; init; }

    /// <summary>User attributes (<c>units</c>, <c>long_name</c>, …).</summary>
    public JsonObject? Attributes { get; init; }

    /// <summary>v2 chunk keys: <c>'.'</c> (<c>0.1</c>, the default) or <c>'/'</c> (<c>0/1</c>).</summary>
    public char DimensionSeparator { get; init; } = '.';

    /// <summary>Whether to rewrite the root's consolidated <c>.zmetadata</c> (v2), as xarray's <c>to_zarr</c> does. Default true.</summary>
    public bool Consolidate { get; init; } = true;
}
