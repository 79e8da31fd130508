using Tessera.IO.Hdf5;

namespace Tessera.IO.Tests.Hdf5;

/// <summary>
/// Selections that cover part of a chunk: unfiltered storage reads long runs straight from the
/// file (a row band of a block), short or stepped runs and filtered chunks go through the
/// decoded chunk. Every path must give exactly the stored elements.
/// </summary>
public sealed class PartialChunkReadTests : IDisposable
{
    private const int Rows = 300;
    private const int Columns = 4096; // 32 KiB rows of float64: a band of 2 rows is a direct run
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"tessera-partial-{Guid.NewGuid():N}.h5");

    public static TheoryData<string> Layouts => ["chunked", "contiguous", "deflate"];

    [Theory]
    [MemberData(nameof(Layouts))]
    public void RowBands_AcrossAndInsideChunks_AndInTheShortLastChunk_ReadTheStoredRows(string layout)
    {
        using var file = Open(layout);
        var dataset = file.Dataset("x");
        // Chunks are 64 rows: bands inside one chunk, across a boundary, and in the last chunk (44 rows).
        foreach (var (first, count) in new[] { (0, 2), (5, 3), (60, 10), (64, 64), (250, 50), (299, 1), (0, Rows) })
        {
            AssertReads(dataset, new Hyperslab([first, 0], [count, Columns]));
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void ColumnRangesAndSteps_ReadTheStoredElements(string layout)
    {
        using var file = Open(layout);
        var dataset = file.Dataset("x");
        AssertReads(dataset, new Hyperslab([10, 100], [20, 2900]));          // runs of 23 KiB: copied from the chunk
        AssertReads(dataset, new Hyperslab([3, 0], [40, 4000]));             // long runs, not whole rows
        AssertReads(dataset, new Hyperslab([1, 7], [50, 100], [3, 40]));     // steps on both axes
        AssertReads(dataset, new Hyperslab([0, 0], [150, Columns], [2, 1])); // whole rows, every other one
    }

    [Fact]
    public void ACachedChunk_AndADirectRead_GiveTheSameRows()
    {
        using var file = Open("chunked");
        var dataset = file.Dataset("x");
        AssertReads(dataset, new Hyperslab([10, 100], [20, 2900])); // decodes chunk 0 into the cache
        AssertReads(dataset, new Hyperslab([2, 0], [30, Columns]));  // the same chunk, now from the cache
    }

    private static double Value(long row, long column) => (row * 10007.0) + (column * 0.5);

    private static void AssertReads(Hdf5Dataset dataset, Hyperslab selection)
    {
        var rows = selection.Count[0];
        var columns = selection.Count[1];
        var actual = new double[rows * columns];
        dataset.ReadInto(selection, actual);
        for (long i = 0; i < rows; i++)
        {
            for (long j = 0; j < columns; j++)
            {
                var expected = Value(selection.Start[0] + (i * selection.Step[0]), selection.Start[1] + (j * selection.Step[1]));
                if (actual[(i * columns) + j] != expected)
                {
                    Assert.Fail($"selection start [{string.Join(", ", selection.Start)}] count [{rows}, {columns}] " +
                                $"step [{string.Join(", ", selection.Step)}]: element [{i}, {j}] is {actual[(i * columns) + j]}, expected {expected}");
                }
            }
        }
    }

    private Hdf5File Open(string layout)
    {
        var values = new double[Rows * Columns];
        for (var r = 0; r < Rows; r++)
        {
            for (var c = 0; c < Columns; c++)
            {
                values[(r * Columns) + c] = Value(r, c);
            }
        }
        var options = layout switch
        {
            "chunked" => new Hdf5DatasetOptions { Chunks = [64, Columns] },
            "deflate" => new Hdf5DatasetOptions { Chunks = [64, Columns], CompressionLevel = 1 },
            _ => new Hdf5DatasetOptions(),
        };
        using (var writer = Hdf5Writer.Create(_path))
        {
            writer.CreateDataset<double>("x", [Rows, Columns], options).Write(values);
        }
        return Hdf5File.Open(_path);
    }

    public void Dispose() => File.Delete(_path);
}
