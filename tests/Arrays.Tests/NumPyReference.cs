using System.Globalization;
using System.Text;
using Tessera.Testing;

namespace Tessera.Arrays.Tests;

/// <summary>
/// Results computed by NumPy (Debian's python3 through <see cref="PythonOracle"/>): named input
/// arrays are sent as exact float repr literals, each expression is evaluated in one script,
/// and its shape and row-major values come back. Values round-trip exactly (repr of a double).
/// </summary>
internal static class NumPyReference
{
    internal sealed record Input(string Name, double[] Values, long[] Shape, string DType = "float64");

    internal sealed record Result(long[] Shape, double[] Values);

    public static Result[] Evaluate(IReadOnlyList<Input> inputs, params string[] expressions)
    {
        var script = new StringBuilder("import numpy as np\n");
        foreach (var input in inputs)
        {
            var literal = string.Join(",", input.Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)
                .Replace("NaN", "float('nan')", StringComparison.Ordinal)));
            script.Append(CultureInfo.InvariantCulture,
                $"{input.Name} = np.array([{literal}], dtype=np.float64).astype(np.{input.DType}).reshape(({string.Join(",", input.Shape)}{(input.Shape.Length == 1 ? "," : "")}))\n");
        }
        script.Append("def show(r):\n    r = np.asarray(r)\n    print(' '.join(str(d) for d in r.shape))\n");
        script.Append("    print(' '.join(repr(float(v)) for v in r.ravel()))\n");
        foreach (var expression in expressions)
        {
            script.Append(CultureInfo.InvariantCulture, $"show({expression})\n");
        }
        var lines = PythonOracle.Run(script.ToString()).Split('\n');
        return [.. expressions.Select((_, i) => new Result(Numbers(lines[2 * i], s => long.Parse(s, CultureInfo.InvariantCulture)), Numbers(lines[(2 * i) + 1], ParseDouble)))];
    }

    private static T[] Numbers<T>(string line, Func<string, T> parse) =>
        [.. line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(parse)];

    private static double ParseDouble(string text) => text switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };
}
