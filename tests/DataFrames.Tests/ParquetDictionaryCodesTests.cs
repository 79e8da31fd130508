using Apache.Arrow;
using Apache.Arrow.Types;
using Tessera.IO.Parquet;

namespace Tessera.DataFrames.Tests;

/// <summary>
/// Arrow dictionary arrays become <see cref="DictionaryStringArray"/>s: int32 codes are used
/// where Arrow C++ decoded them, other widths are widened; either way every row reads back as the
/// string its code names, and a code outside the dictionary is refused.
/// </summary>
public sealed class ParquetDictionaryCodesTests
{
    private static readonly string[] Words = ["pear", "fig", "", "Ærø", "kiwi fruit of some length"];

    [Theory]
    [InlineData(ArrowTypeId.Int8, false)]
    [InlineData(ArrowTypeId.Int16, true)]
    [InlineData(ArrowTypeId.Int32, true)]
    [InlineData(ArrowTypeId.Int64, false)]
    public void ToManaged_AnyCodeWidth_ReadsTheSameStrings(ArrowTypeId width, bool nulls)
    {
        const int rows = 1_037; // not a multiple of 8: the last validity byte is partial
        var expected = Enumerable.Range(0, rows).Select(r => nulls && r % 11 == 3 ? null : Words[r * 7 % Words.Length]).ToArray();
        var array = Dictionary(width, [.. Enumerable.Range(0, rows).Select(r => r * 7 % Words.Length)], [.. expected.Select(e => e is not null)]);

        var column = ParquetDictionaryReads.ToManaged(array);

        Assert.Equal(rows, column.Length);
        Assert.Equal(expected.Count(e => e is null), column.NullCount);
        Assert.Equal(expected, Enumerable.Range(0, rows).Select(r => column.GetString(r)));
        // The byte total known up front matches the strings written out.
        Assert.Equal(expected.Sum(e => e is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(e)), column.ValueOffsets[rows]);
    }

    [Fact]
    public void ToManaged_CodeOutsideDictionary_SaysWhichRow()
    {
        var array = Dictionary(ArrowTypeId.Int16, [0, 1, 9, 2], [true, true, true, true]);

        var error = Assert.Throws<ArgumentException>(() => ParquetDictionaryReads.ToManaged(array));

        Assert.Contains("Row 2 has dictionary code 9", error.Message);
        Assert.Contains($"{Words.Length} values", error.Message);
    }

    [Fact]
    public void ReadParquet_CodesOutliveTheBatchTheyCameIn()
    {
        using var folder = new TestData.Folder();
        var glob = TestData.Accounts(folder, 1, 3_000, nulls: true, names: 7);
        var parquet = Path.Combine(folder.Path, "parquet");
        DataFrame.ReadCsv(glob).ToParquet(parquet, new ParquetWriteOptions { RowGroupSize = 1_000 });
        var file = ParquetFiles.Expand(parquet).Single();
        var plain = new Frame(ParquetChunkReader.Read(file, [0, 1, 2], ["names"]));

        var read = new Frame(ParquetChunkReader.Read(file, [0, 1, 2], ["names"], rows: 3_000, dictionaryColumns: ["names"]));
        // Nothing else holds Arrow C++'s batch now: the codes must keep their buffer alive.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.IsType<DictionaryStringArray>(read.Column(0));
        Cells.Equal(plain, read);
        Assert.Equal(DataFrame.ReadCsv(glob).Compute()[["names"]].RowCount, read.RowCount);
    }

    private static DictionaryArray Dictionary(ArrowTypeId width, int[] codes, bool[] valid)
    {
        IArrowArray indices = width switch
        {
            ArrowTypeId.Int8 => Build(new Int8Array.Builder(), codes, valid, c => (sbyte)c),
            ArrowTypeId.Int16 => Build(new Int16Array.Builder(), codes, valid, c => (short)c),
            ArrowTypeId.Int32 => Build(new Int32Array.Builder(), codes, valid, c => c),
            _ => Build(new Int64Array.Builder(), codes, valid, c => (long)c),
        };
        var words = new StringArray.Builder().AppendRange(Words).Build();
        return new DictionaryArray(new DictionaryType(indices.Data.DataType, StringType.Default, false), indices, words);
    }

    private static IArrowArray Build<T, TArray, TBuilder>(PrimitiveArrayBuilder<T, TArray, TBuilder> builder, int[] codes, bool[] valid, Func<int, T> cast)
        where T : struct
        where TArray : IArrowArray
        where TBuilder : class, IArrowArrayBuilder<TArray>
    {
        for (var r = 0; r < codes.Length; r++)
        {
            if (valid[r])
            {
                builder.Append(cast(codes[r]));
            }
            else
            {
                builder.AppendNull();
            }
        }
        return builder.Build(default);
    }
}
