using System.Runtime.CompilerServices;

namespace Tessera.Arrays;

/// <summary>
/// The names of an array's axes and the coordinate labels along them, as xarray's DataArray
/// holds them: <see cref="BlockedArray.FromNetCdf{T}"/> attaches them, <c>Sel</c> selects by
/// them, <c>ToNetCdf</c> writes them. Coordinates are <c>double[]</c> (numbers) or
/// <see cref="DateTime"/>[] (decoded CF times); a dimension without a coordinate variable has none.
/// </summary>
/// <param name="Dimensions">One name per axis.</param>
/// <param name="Coordinates">Labels by dimension name, one per position along that axis.</param>
/// <param name="Attributes">The variable's attributes (units, long_name…).</param>
public sealed record ArrayLabels(IReadOnlyList<string> Dimensions, IReadOnlyDictionary<string, Array> Coordinates,
    IReadOnlyDictionary<string, object> Attributes)
{
    /// <summary>The axis of dimension <paramref name="name"/>; throws listing the dimensions when absent.</summary>
    public int AxisOf(string name)
    {
        for (var i = 0; i < Dimensions.Count; i++)
        {
            if (Dimensions[i] == name)
            {
                return i;
            }
        }
        throw new ArgumentException(
            $"The array has no dimension '{name}'; its dimensions are ({string.Join(", ", Dimensions)}).", nameof(name));
    }
}

/// <summary>Which arrays carry labels. Labels stay with the array they were attached to (not with arrays computed from it).</summary>
internal static class LabelRegistry
{
    private static readonly ConditionalWeakTable<object, ArrayLabels> Labels = new();

    public static BlockedArray<T> Attach<T>(BlockedArray<T> array, ArrayLabels labels) where T : unmanaged
    {
        Labels.AddOrUpdate(array, labels);
        return array;
    }

    public static ArrayLabels? Of(object array) => Labels.TryGetValue(array, out var labels) ? labels : null;
}
