using System.Text;
using Tessera.IO.Csv;

namespace Tessera.DataFrames.Tests;

/// <summary>
/// The vectorised CSV scanning (64-byte masks) and the plain-row fast path: every mask width agrees
/// with the byte-by-byte one, and files whose quotes, separators, newlines and carriage returns fall
/// at every position around a 64-byte boundary, whose lines are longer than a mask, and whose blocks
/// end anywhere read as pandas reads them.
/// </summary>
public sealed class CsvVectorBoundaryTests
{
    [Theory]
    [InlineData((byte)',')]
    [InlineData((byte)';')]
    [InlineData((byte)'\t')]
    public void Mask_EveryWidth_EqualsByteByByte(byte separator)
    {
        var random = new Random(7);
        byte[] alphabet = [(byte)'a', (byte)'7', (byte)',', (byte)';', (byte)'\t', (byte)'\n', (byte)'\r', (byte)'"', 0x80, 0xFF];
        var data = new byte[300];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = alphabet[random.Next(alphabet.Length)];
        }
        for (var start = 0; start + CsvStopScanner.Width <= data.Length; start++)
        {
            var expected = CsvStopScanner.MaskScalar(data, start, separator);
            Assert.Equal(expected, CsvStopScanner.Mask512(data, start, separator));
            Assert.Equal(expected, CsvStopScanner.Mask256(data, start, separator));
            Assert.Equal(expected, CsvStopScanner.Mask128(data, start, separator));
            Assert.Equal(expected, CsvStopScanner.Mask(data, start, separator));
        }
        // The last bytes: fewer than 64 remain, and no bit is set past the end.
        for (var start = data.Length - CsvStopScanner.Width + 1; start <= data.Length; start++)
        {
            var mask = CsvStopScanner.Mask(data, start, separator);
            Assert.Equal(CsvStopScanner.MaskScalar(data, start, separator), mask);
            Assert.Equal(0UL, mask >> (data.Length - start));
        }
    }

    [Fact]
    public void Scanner_FindsEveryFieldEndInOrder()
    {
        var random = new Random(11);
        var data = new byte[1000];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = random.Next(5) switch { 0 => (byte)',', 1 => (byte)'\n', _ => (byte)'x' };
        }
        var scanner = new CsvStopScanner((byte)',');
        var expected = Enumerable.Range(0, data.Length).Where(i => data[i] is (byte)',' or (byte)'\n').ToArray();
        var found = new List<int>();
        for (var at = scanner.Next(data, 0); at >= 0; at = scanner.Next(data, at + 1))
        {
            found.Add(at);
        }
        Assert.Equal(expected, found);
        // Jumping ahead (past a quoted field) and back to the same mask both still answer right.
        var fresh = new CsvStopScanner((byte)',');
        foreach (var position in new[] { 0, 130, 5, 999, 64, 63, 1000 })
        {
            var next = expected.FirstOrDefault(i => i >= position, -1);
            Assert.Equal(next, fresh.Next(data, position));
        }
    }

    [Fact]
    public void ReadCsv_QuotesNewlinesAndCarriageReturnsAtEveryOffset_MatchPandas()
    {
        using var folder = new TestData.Folder();
        var path = folder.File("shifted.csv");
        var text = new StringBuilder("id,text,amount\n");
        // Row k starts with a k-byte pad, so the special bytes after it land at every offset of a
        // 64-byte mask (and of the masks after it) as k runs over 0..150.
        for (var k = 0; k <= 150; k++)
        {
            var pad = new string((char)('a' + (k % 26)), k);
            var field = (k % 6) switch
            {
                0 => $"\"{pad},q\"",
                1 => $"\"{pad}\nline\"",
                2 => $"\"{pad} \"\"said\"\" \"",
                3 => pad,
                4 => $"\"{pad}\r\nx\"",
                _ => $"{pad}\"mid",
            };
            var end = k % 4 == 0 ? "\r\n" : "\n";
            text.Append(k).Append(',').Append(field).Append(',').Append(k * 3 - 200).Append(end);
            if (k % 17 == 0)
            {
                text.Append('\n');
            }
        }
        File.WriteAllText(path, text.ToString());
        var frame = DataFrame.ReadCsv(path).Compute();
        var expected = Pandas.Run($"out['df'] = frame(pd.read_csv({Pandas.Quote(path)}))");
        FrameAssert.Equal(expected.GetProperty("df"), frame);
    }

    [Fact]
    public void ReadCsv_LinesLongerThanAMaskAndShortBlocks_MatchPandas()
    {
        using var folder = new TestData.Folder();
        var random = new Random(3);
        for (var f = 0; f < 2; f++)
        {
            var path = folder.File($"long.{f}.csv");
            var text = new StringBuilder("a,b,c,d\n");
            for (var r = 0; r < 300; r++)
            {
                var width = random.Next(0, 200);
                var b = width == 0 ? "" : new string('x', width);
                text.Append(r).Append(',').Append(b).Append(',').Append((random.Next(-99, 99) / 4.0).ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .Append(',').Append(r % 7 == 0 ? "NA" : new string('y', random.Next(1, 70)));
                // The second file ends without a newline; rows of the first end in CRLF.
                if (f == 0 || r < 299)
                {
                    text.Append(f == 0 ? "\r\n" : "\n");
                }
            }
            File.WriteAllText(path, text.ToString());
        }
        var glob = folder.File("long.*.csv");
        var expected = Pandas.Run($"out['df'] = frame(read({Pandas.Quote(glob)}))").GetProperty("df");
        // Blocks of 61 to 127 bytes: block ends fall at every offset of a mask, some inside long
        // lines; and one block per file, whose last mask is a short tail.
        foreach (var blockSize in new[] { 61, 64, 65, 127, 1 << 20 })
        {
            FrameAssert.Equal(expected, DataFrame.ReadCsv(glob, new CsvReadOptions { BlockSize = blockSize }).Compute());
        }
    }

    [Fact]
    public void ReadCsv_FieldCountsAndDataEnds_MatchPandas()
    {
        using var folder = new TestData.Folder();
        var path = folder.File("ragged.csv");
        // Short rows (nulls filled), an empty last field, a separator right before the end of data.
        File.WriteAllText(path, "a,b,c\n1,2,3\n4,5\n6\n7,,\n8,9,");
        var frame = DataFrame.ReadCsv(path).Compute();
        var expected = Pandas.Run($"out['df'] = frame(pd.read_csv({Pandas.Quote(path)}))");
        FrameAssert.Equal(expected.GetProperty("df"), frame);
    }

    [Fact]
    public void ReadCsv_BadValueAfterFastRows_ErrorNamesLineAndColumn_SkipKeepsTheRest()
    {
        using var folder = new TestData.Folder();
        var path = folder.File("late.csv");
        var text = new StringBuilder("id,name,amount\n");
        for (var i = 0; i < 200; i++)
        {
            // Row 150's id and name parse (the fast path appends them) before its amount fails.
            text.Append(i).Append(',').Append("n").Append(i % 5).Append(',').Append(i == 150 ? "12x" : $"{i * 2}").Append('\n');
        }
        File.WriteAllText(path, text.ToString());
        var options = new CsvReadOptions { SampleBytes = 200 };
        var error = Assert.Throws<TaskFailedException>(() => DataFrame.ReadCsv(path, options).Compute());
        var csv = Assert.IsType<CsvFormatException>(error.InnerException);
        Assert.Equal(152, csv.Line);
        Assert.Equal("amount", csv.Column);
        Assert.Contains("'12x' is not a 64-bit integer", csv.Message);

        var skipped = DataFrame.ReadCsv(path, options with { OnBadRow = BadRowAction.Skip }).Compute();
        Assert.Equal(1, skipped.SkippedRows);
        var expected = Pandas.Run($"out['df'] = frame(pd.read_csv({Pandas.Quote(path)}, skiprows=[151]))");
        FrameAssert.Equal(expected.GetProperty("df"), skipped);
    }

    [Fact]
    public void ReadCsv_UseColumnsAndNumericNullMarkers_OnTheFastPath_MatchPandas()
    {
        using var folder = new TestData.Folder();
        var path = folder.File("markers.csv");
        var text = new StringBuilder("id,names,amount,flag\n");
        for (var i = 0; i < 400; i++)
        {
            // "-1" is a null marker here although it parses as an integer; "-12" and "-1x" are not.
            var amount = (i % 9) switch { 0 => "-1", 1 => "-12", 2 => "NA", 3 => "-NaN", _ => $"{i - 200}" };
            text.Append(i).Append(',').Append(i % 13 == 0 ? "NULL" : $"N{i % 7}").Append(',').Append(amount)
                .Append(',').Append(i % 2 == 0 ? "True" : "False").Append('\n');
        }
        File.WriteAllText(path, text.ToString());
        var options = new CsvReadOptions
        {
            UseColumns = ["amount", "names"],
            NullValues = [.. CsvReadOptions.DefaultNullValues, "-1"],
        };
        var frame = DataFrame.ReadCsv(path, options).Compute();
        var expected = Pandas.Run($"out['df'] = frame(pd.read_csv({Pandas.Quote(path)}, usecols=['amount', 'names'], na_values=['-1']))");
        FrameAssert.Equal(expected.GetProperty("df"), frame);
    }
}
