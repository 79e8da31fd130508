using System.Globalization;

namespace Tessera.Benchmarks;

/// <summary>The benchmarks' command-line options: <c>--name value</c> pairs anywhere in the arguments.</summary>
internal static class BenchmarkArgs
{
    /// <summary>The value after <paramref name="name"/>, or null when the option is absent.</summary>
    public static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>The value after <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public static string Text(string[] args, string name, string fallback) => Value(args, name) ?? fallback;

    /// <summary>The integer after <paramref name="name"/> (invariant culture), or <paramref name="fallback"/>.</summary>
    public static int Int(string[] args, string name, int fallback) =>
        Value(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
