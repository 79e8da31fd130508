using System.Runtime.CompilerServices;
using Tessera.IO.Hdf5;

namespace Tessera.IO.NetCdf;

/// <summary>
/// How a variable's stored values become physical values under the CF conventions, read from
/// its attributes: <c>_FillValue</c> and <c>missing_value</c> become NaN, then
/// <c>scale_factor</c> and <c>add_offset</c> unpack (value = stored × scale + offset), and
/// <c>valid_min</c>/<c>valid_max</c>/<c>valid_range</c> (in stored units) mask values outside
/// when asked. The decoded element type follows xarray's rules (<see cref="DecodesToSingle"/>).
/// </summary>
public sealed record CfEncoding
{
    /// <summary>scale_factor, or null when absent.</summary>
    public double? ScaleFactor { get; init; }

    /// <summary>add_offset, or null when absent.</summary>
    public double? AddOffset { get; init; }

    /// <summary>The stored values that mean "missing": _FillValue and missing_value.</summary>
    public IReadOnlyList<double> MissingValues { get; init; } = [];

    /// <summary>The smallest valid stored value (valid_min or valid_range[0]), or null.</summary>
    public double? ValidMin { get; init; }

    /// <summary>The largest valid stored value (valid_max or valid_range[1]), or null.</summary>
    public double? ValidMax { get; init; }

    /// <summary>Whether decoding changes anything (a fill value, a missing value, a scale or an offset).</summary>
    public bool IsIdentity => ScaleFactor is null && AddOffset is null && MissingValues.Count == 0;

    /// <summary>
    /// Whether xarray decodes the variable to float32 rather than float64: masking promotes
    /// integers of 1–2 bytes (and float32) to float32, wider integers to float64; unpacking then
    /// keeps float32 data float32, and turns integers of 1–2 bytes into float32 only without an
    /// add_offset (an offset could lose precision).
    /// </summary>
    public bool DecodesToSingle(Hdf5DataType stored)
    {
        var isFloat = stored.Class == Hdf5TypeClass.FloatingPoint;
        // Stage 1, masking: integers are promoted so they can hold NaN.
        var single = isFloat ? stored.Size <= 4 : stored.Size <= 2;
        var floating = isFloat || MissingValues.Count > 0;
        if (ScaleFactor is null && AddOffset is null)
        {
            return floating ? single : stored.Size <= 4 && isFloat;
        }
        // Stage 2, unpacking: float32 stays float32; small integers only without an offset.
        if (floating)
        {
            return single;
        }
        return stored.Size <= 2 && AddOffset is null;
    }

    /// <summary>The encoding a variable's attributes describe.</summary>
    public static CfEncoding From(string variable, IReadOnlyDictionary<string, object> attributes)
    {
        var missing = NetCdfAttributes.Numbers(attributes, "_FillValue", variable)
            .Concat(NetCdfAttributes.Numbers(attributes, "missing_value", variable)).Distinct().ToArray();
        var range = NetCdfAttributes.Numbers(attributes, "valid_range", variable);
        if (range.Length is not (0 or 2))
        {
            throw new FormatException(
                $"Variable '{variable}' has valid_range with {range.Length} values; CF expects two, [min, max].");
        }
        return new CfEncoding
        {
            ScaleFactor = NetCdfAttributes.Number(attributes, "scale_factor", variable),
            AddOffset = NetCdfAttributes.Number(attributes, "add_offset", variable),
            MissingValues = missing,
            ValidMin = range.Length == 2 ? range[0] : NetCdfAttributes.Number(attributes, "valid_min", variable),
            ValidMax = range.Length == 2 ? range[1] : NetCdfAttributes.Number(attributes, "valid_max", variable),
        };
    }

    /// <summary>Decodes stored values into float32 (xarray computes in float32 when that is the decoded type).</summary>
    public void Decode<TStored>(ReadOnlySpan<TStored> stored, Span<float> decoded, bool maskInvalid)
        where TStored : unmanaged, System.Numerics.INumberBase<TStored>
    {
        var scale = (float)(ScaleFactor ?? 1);
        var offset = (float)(AddOffset ?? 0);
        bool hasScale = ScaleFactor is not null, hasOffset = AddOffset is not null;
        if (!(maskInvalid && (ValidMin ?? ValidMax) is not null) && SingleStoredFill<TStored>() is var (hasFill, fill))
        {
            // The common case (one fill value, no range): compared in the stored type, no conversions to double.
            for (var i = 0; i < stored.Length; i++)
            {
                var s = stored[i];
                if (hasFill && s == fill)
                {
                    decoded[i] = float.NaN;
                    continue;
                }
                var value = float.CreateTruncating(s);
                value = hasScale ? value * scale : value;
                decoded[i] = hasOffset ? value + offset : value;
            }
            return;
        }
        var missing = MissingValues.ToArray();
        var (low, high) = maskInvalid ? (ValidMin ?? double.NegativeInfinity, ValidMax ?? double.PositiveInfinity)
            : (double.NegativeInfinity, double.PositiveInfinity);
        for (var i = 0; i < stored.Length; i++)
        {
            var raw = double.CreateTruncating(stored[i]);
            if (IsMissing(raw, missing) || raw < low || raw > high)
            {
                decoded[i] = float.NaN;
                continue;
            }
            var value = (float)raw;
            if (hasScale)
            {
                value *= scale;
            }
            if (hasOffset)
            {
                value += offset;
            }
            decoded[i] = value;
        }
    }

    /// <summary>
    /// Whether there is at most one missing value and it is exactly a value of the stored integer
    /// type (or a non-NaN value of a float type), so masking can compare stored values directly;
    /// null when the general path is needed.
    /// </summary>
    private (bool HasFill, TStored Fill)? SingleStoredFill<TStored>() where TStored : unmanaged, System.Numerics.INumberBase<TStored>
    {
        if (MissingValues.Count == 0)
        {
            return (false, default);
        }
        if (MissingValues.Count > 1 || double.IsNaN(MissingValues[0]) || Unsafe.SizeOf<TStored>() > 4)
        {
            return null;
        }
        var fill = TStored.CreateSaturating(MissingValues[0]);
        return double.CreateTruncating(fill) == MissingValues[0] ? (true, fill) : null;
    }

    /// <summary>Decodes stored values into float64.</summary>
    public void Decode<TStored>(ReadOnlySpan<TStored> stored, Span<double> decoded, bool maskInvalid)
        where TStored : unmanaged, System.Numerics.INumberBase<TStored>
    {
        var missing = MissingValues.ToArray();
        var (low, high) = maskInvalid ? (ValidMin ?? double.NegativeInfinity, ValidMax ?? double.PositiveInfinity)
            : (double.NegativeInfinity, double.PositiveInfinity);
        var scale = ScaleFactor ?? 1;
        var offset = AddOffset ?? 0;
        bool hasScale = ScaleFactor is not null, hasOffset = AddOffset is not null;
        for (var i = 0; i < stored.Length; i++)
        {
            var raw = double.CreateTruncating(stored[i]);
            if (IsMissing(raw, missing) || raw < low || raw > high)
            {
                decoded[i] = double.NaN;
                continue;
            }
            var value = raw;
            if (hasScale)
            {
                value *= scale;
            }
            if (hasOffset)
            {
                value += offset;
            }
            decoded[i] = value;
        }
    }

    private static bool IsMissing(double raw, double[] missing)
    {
        foreach (var m in missing)
        {
            if (raw == m || (double.IsNaN(m) && double.IsNaN(raw)))
            {
                return true;
            }
        }
        return false;
    }
}
