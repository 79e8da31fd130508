using Tessera.Tools.H5Inspect;

namespace Tessera.IO.Tests.Inspector;

public sealed class InspectCommandTests(InspectorFile file) : IClassFixture<InspectorFile>
{
    [Fact]
    public void Run_H5pyFile_PrintsTreeAndDatasetProperties()
    {
        var (code, output, error) = Inspect(file.Path);

        Assert.Equal(InspectCommand.Ok, code);
        Assert.Equal("", error);
        Assert.Equal(
        [
            "/  group",
            "/climate  group",
            "/climate/temperature  dataset",
            "    type: float64 (little-endian)",
            "    shape: (4, 6)",
            "    max shape: (unlimited, 6)",
            "    layout: chunked",
            "    chunk shape: (2, 3)",
            "    stored chunks: 2",
            "    filters: shuffle(8 bytes), deflate(level 4)",
            "    fill value: -999.5",
            "/counts  dataset",
            "    type: int32 (big-endian)",
            "    shape: (3)",
            "    max shape: (3)",
            "    layout: contiguous",
            "    filters: none",
            "    fill value: not defined",
            "/link  soft link (not followed)",
        ], output);
    }

    [Fact]
    public void Run_WithAttrs_PrintsShortenedAttributeValues()
    {
        var (code, output, _) = Inspect(file.Path, "--attrs");

        Assert.Equal(InspectCommand.Ok, code);
        Assert.Equal("    @title: \"" + string.Concat(Enumerable.Repeat("monthly means ", 10))[..ValueText.MaxStringLength] +
            "...\"  (variable-length string)", output[2]);
        Assert.Equal("    @version: 3  (int32 (little-endian))", output[3]);
        Assert.Contains("    @levels: [0, 0.5, 1, 1.5, 2, 2.5, ... (10 values)]  (float64 (little-endian) (10))", output);
        Assert.Contains("    @units: \"K\"  (variable-length string)", output);
    }

    [Fact]
    public void Run_MissingFile_ExitsWith2AndNamesTheFile()
    {
        var missing = Path.Combine(file.Directory, "absent.h5");

        var (code, output, error) = Inspect(missing);

        Assert.Equal(InspectCommand.BadFile, code);
        Assert.Empty(output);
        Assert.Equal($"error: {missing}: no such file.", error.TrimEnd());
    }

    [Fact]
    public void Run_NotHdf5_ExitsWith2WithTheFormatError()
    {
        var text = Path.Combine(file.Directory, "notes.h5");
        File.WriteAllText(text, "these are plain notes, not an HDF5 file\n");

        var (code, output, error) = Inspect(text);

        Assert.Equal(InspectCommand.BadFile, code);
        Assert.Empty(output);
        Assert.StartsWith($"error: {text} is not a readable HDF5 file. Malformed HDF5 ", error);
    }

    [Fact]
    public void Run_TruncatedFile_ExitsWith2()
    {
        var truncated = Path.Combine(file.Directory, "truncated.h5");
        var bytes = File.ReadAllBytes(file.Path);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);

        var (code, _, error) = Inspect(truncated);

        Assert.Equal(InspectCommand.BadFile, code);
        Assert.Contains("Malformed HDF5", error);
    }

    [Fact]
    public void Run_NoFileArgument_PrintsUsage()
    {
        var (code, _, error) = Inspect();

        Assert.Equal(InspectCommand.Usage, code);
        Assert.StartsWith("usage: H5Inspect FILE [--attrs]", error);
    }

    private static (int Code, string[] Output, string Error) Inspect(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = InspectCommand.Run(args, output, error);
        return (code, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), error.ToString());
    }
}
