using Tessera.IO.Hdf5.Writing;

namespace Tessera.IO.Hdf5;

/// <summary>
/// Dimension scales as HDF5's high-level H5DS API writes them, which is how netCDF4 stores
/// dimensions: a scale has CLASS = "DIMENSION_SCALE" and NAME, and a REFERENCE_LIST of the
/// (dataset, axis) pairs attached to it; each dataset has a DIMENSION_LIST with one list of
/// scale references per axis. The references are header addresses, known only when the
/// metadata is laid out, so both attributes are produced by the metadata writer.
/// </summary>
public abstract partial class Hdf5ObjectWriter
{
    private readonly SortedDictionary<int, Hdf5ObjectWriter> _scalesByAxis = [];
    private readonly List<(Hdf5ObjectWriter Dataset, int Axis)> _attachedTo = [];

    /// <summary>The scale attached to each axis (DIMENSION_LIST), by axis.</summary>
    internal IReadOnlyDictionary<int, Hdf5ObjectWriter> ScalesByAxis => _scalesByAxis;

    /// <summary>The datasets and axes this scale is attached to (REFERENCE_LIST), in attachment order.</summary>
    internal IReadOnlyList<(Hdf5ObjectWriter Dataset, int Axis)> AttachedTo => _attachedTo;

    /// <summary>
    /// Marks this dataset as a dimension scale called <paramref name="name"/> (H5DSset_scale):
    /// CLASS = "DIMENSION_SCALE" and NAME, as NUL-terminated ASCII strings.
    /// </summary>
    public void MakeDimensionScale(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        RequireDataset("a dimension scale");
        SetAttribute("CLASS", new Hdf5FixedString("DIMENSION_SCALE\0", Ascii: true));
        SetAttribute("NAME", new Hdf5FixedString(name + "\0", Ascii: true));
    }

    /// <summary>
    /// Attaches <paramref name="scale"/> (made with <see cref="MakeDimensionScale"/>) to axis
    /// <paramref name="axis"/> of this dataset (H5DSattach_scale): this dataset's DIMENSION_LIST
    /// and the scale's REFERENCE_LIST will name each other.
    /// </summary>
    public void AttachDimensionScale(Hdf5ObjectWriter scale, int axis)
    {
        ArgumentNullException.ThrowIfNull(scale);
        RequireDataset("a dataset with dimension scales");
        scale.RequireDataset("a dimension scale");
        var rank = ((IDatasetMetadata)this).ShapeArray.Length;
        if (axis < 0 || axis >= rank)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), axis,
                $"'{Path}' has {rank} axes; attach a scale to an axis from 0 to {rank - 1}.");
        }
        if (ReferenceEquals(scale, this))
        {
            throw new ArgumentException($"'{Path}' cannot be its own dimension scale; a coordinate variable is a scale with no DIMENSION_LIST.");
        }
        lock (_scalesByAxis)
        {
            if (!_scalesByAxis.TryAdd(axis, scale))
            {
                throw new InvalidOperationException($"Axis {axis} of '{Path}' already has the scale '{_scalesByAxis[axis].Path}'.");
            }
        }
        lock (scale._attachedTo)
        {
            scale._attachedTo.Add((this, axis));
        }
    }

    private void RequireDataset(string what)
    {
        File.ThrowIfClosed();
        if (this is not IDatasetMetadata)
        {
            throw new InvalidOperationException($"'{Path}' is a group; only datasets can be {what}.");
        }
    }
}
