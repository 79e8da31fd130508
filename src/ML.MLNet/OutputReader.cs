using Microsoft.ML;
using Microsoft.ML.Data;

namespace Tessera.ML.Wrappers;

/// <summary>Reads one column of a transformed <see cref="IDataView"/> into row-major floats, whatever its ML.NET type.</summary>
internal static class OutputReader
{
    public static float[] Read(IDataView view, DataViewSchema.Column column, int rows, out int width)
    {
        var type = column.Type;
        using var cursor = view.GetRowCursor([column]);
        if (type is VectorDataViewType { ItemType: NumberDataViewType item, Size: > 0 } vector && item == NumberDataViewType.Single)
        {
            width = vector.Size;
            var result = new float[rows * width];
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            var buffer = default(VBuffer<float>);
            for (var row = 0; cursor.MoveNext(); row++)
            {
                getter(ref buffer);
                buffer.CopyTo(result.AsSpan(row * width, width));
            }
            return result;
        }
        width = 1;
        if (type == NumberDataViewType.Single)
        {
            return Scalars<float>(cursor, column, rows, v => v);
        }
        if (type == NumberDataViewType.Double)
        {
            return Scalars<double>(cursor, column, rows, v => (float)v);
        }
        if (type == BooleanDataViewType.Instance)
        {
            return Scalars<bool>(cursor, column, rows, v => v ? 1f : 0f);
        }
        if (type is KeyDataViewType && type.RawType == typeof(uint))
        {
            // Keys count from 1; 0 is the missing key.
            return Scalars<uint>(cursor, column, rows, v => v == 0 ? float.NaN : v - 1);
        }
        throw new NotSupportedException(
            $"The output column '{column.Name}' has type {type}; ParallelPostFit reads float, double, bool, key and known-size float " +
            "vector columns. Add a conversion to the pipeline (e.g. MapKeyToValue, ConvertType) or choose another column.");
    }

    private static float[] Scalars<TValue>(DataViewRowCursor cursor, DataViewSchema.Column column, int rows, Func<TValue, float> convert)
    {
        var result = new float[rows];
        var getter = cursor.GetGetter<TValue>(column);
        TValue value = default!;
        for (var row = 0; cursor.MoveNext(); row++)
        {
            getter(ref value);
            result[row] = convert(value);
        }
        return result;
    }
}
