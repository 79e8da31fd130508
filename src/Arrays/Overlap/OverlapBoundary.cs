using System.Globalization;

namespace Tessera.Arrays;

/// <summary>How <c>MapOverlap</c> fills the halo beyond the array's edges (dask's <c>boundary</c>).</summary>
public enum OverlapBoundaryKind
{
    /// <summary>No halo at the array's edges: edge blocks grow only towards their neighbours.</summary>
    None,

    /// <summary>Mirror the edge, the edge element included (dask's "reflect", NumPy pad mode "symmetric").</summary>
    Reflect,

    /// <summary>Wrap around: the halo comes from the other end (NumPy pad mode "wrap").</summary>
    Periodic,

    /// <summary>Repeat the edge element (NumPy pad mode "edge").</summary>
    Nearest,

    /// <summary>A constant value (NumPy pad mode "constant").</summary>
    Constant,
}

/// <summary>A boundary rule for <c>MapOverlap</c>: one of the kinds, with its value for <see cref="OverlapBoundaryKind.Constant"/>.</summary>
public sealed record OverlapBoundary
{
    private OverlapBoundary(OverlapBoundaryKind kind, double value)
    {
        Kind = kind;
        Value = value;
    }

    /// <summary>The rule.</summary>
    public OverlapBoundaryKind Kind { get; }

    /// <summary>The fill value of a constant boundary (0 for the others).</summary>
    public double Value { get; }

    /// <summary>No halo at the array's edges.</summary>
    public static OverlapBoundary None { get; } = new(OverlapBoundaryKind.None, 0);

    /// <summary>Mirror the edge, edge element included (NumPy "symmetric").</summary>
    public static OverlapBoundary Reflect { get; } = new(OverlapBoundaryKind.Reflect, 0);

    /// <summary>Wrap around (NumPy "wrap").</summary>
    public static OverlapBoundary Periodic { get; } = new(OverlapBoundaryKind.Periodic, 0);

    /// <summary>Repeat the edge element (NumPy "edge").</summary>
    public static OverlapBoundary Nearest { get; } = new(OverlapBoundaryKind.Nearest, 0);

    /// <summary>Fill with <paramref name="value"/> (NumPy "constant").</summary>
    public static OverlapBoundary Constant(double value) => new(OverlapBoundaryKind.Constant, value);

    /// <summary>
    /// dask's spelling: "reflect", "periodic", "nearest", "none", or a number for a constant.
    /// </summary>
    public static OverlapBoundary Parse(string boundary)
    {
        ArgumentNullException.ThrowIfNull(boundary);
        return boundary.Trim().ToLowerInvariant() switch
        {
            "reflect" => Reflect,
            "periodic" => Periodic,
            "nearest" => Nearest,
            "none" => None,
            var text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) => Constant(value),
            _ => throw new ArgumentException(
                $"Unknown boundary '{boundary}'; expected \"reflect\", \"periodic\", \"nearest\", \"none\" or a number (a constant fill).",
                nameof(boundary)),
        };
    }

    /// <inheritdoc />
    public override string ToString() =>
        Kind == OverlapBoundaryKind.Constant ? Value.ToString("R", CultureInfo.InvariantCulture) : Kind.ToString().ToLowerInvariant();
}
