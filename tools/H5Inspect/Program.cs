namespace Tessera.Tools.H5Inspect;

/// <summary>Entry point of <c>dotnet run --project tools/H5Inspect -- FILE [--attrs]</c>.</summary>
internal static class Program
{
    private static int Main(string[] args) => InspectCommand.Run(args, Console.Out, Console.Error);
}
