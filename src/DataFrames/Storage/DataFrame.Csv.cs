using Tessera.DataFrames.Storage;
using Tessera.IO.Csv;

namespace Tessera.DataFrames;

public sealed partial class DataFrame
{
    /// <summary>
    /// Writes one CSV file per partition, as dask's to_csv: <paramref name="directoryOrPattern"/>
    /// is a directory (files <c>part.N.csv</c>) or a path whose file name has one <c>*</c>, replaced
    /// by the partition number (<c>out/accounts.*.csv.gz</c>). A <c>.gz</c> or <c>.zst</c> extension
    /// compresses. Values are written as pandas' <c>to_csv(index=False)</c> writes them, so
    /// <see cref="ReadCsv(string, CsvReadOptions?)"/> and pandas read them back.
    /// </summary>
    public WriteResult ToCsv(string directoryOrPattern, ComputeOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directoryOrPattern);
        string[] paths;
        string? directory = null;
        var name = Path.GetFileName(directoryOrPattern);
        if (name.Contains('*', StringComparison.Ordinal))
        {
            if (name.Count(c => c == '*') != 1)
            {
                throw new ArgumentException($"'{directoryOrPattern}' has more than one '*'; use one, which becomes the partition number.", nameof(directoryOrPattern));
            }
            var folder = Path.GetDirectoryName(Path.GetFullPath(directoryOrPattern))!;
            Directory.CreateDirectory(folder);
            paths = [.. Enumerable.Range(0, NPartitions).Select(p => Path.Combine(folder, name.Replace("*", p.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)))];
        }
        else
        {
            directory = directoryOrPattern;
            paths = PartitionWrites.PartPaths(directory, NPartitions, ".csv");
        }
        var result = PartitionWrites.Run(this, "to-csv", paths, (part, path) => CsvPartWriter.Write(path, part.ToArrow()), options);
        if (directory is not null)
        {
            PartitionWrites.RemoveStaleParts(directory, NPartitions, ".csv");
        }
        return result;
    }
}
