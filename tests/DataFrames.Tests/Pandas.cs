using System.Text.Json;
using Tessera.Testing;

namespace Tessera.DataFrames.Tests;

/// <summary>
/// Runs a pandas script over CSV files and reads back named results as JSON: frames as
/// {columns, dtypes, data} (NaN as null), scalars as numbers. One python process per call, so
/// tests batch their questions into one script.
/// </summary>
internal static class Pandas
{
    private const string Prelude = """
        import json, glob, math
        import numpy as np
        import pandas as pd
        out = {}
        def frame(df):
            df = df.reset_index(drop=True)
            data = []
            for row in df.itertuples(index=False):
                cells = []
                for v in row:
                    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NaT:
                        cells.append(None)
                    elif isinstance(v, (np.integer,)):
                        cells.append(int(v))
                    elif isinstance(v, (np.floating,)):
                        cells.append(float(v))
                    elif isinstance(v, (np.bool_, bool)):
                        cells.append(bool(v))
                    elif isinstance(v, pd.Timestamp):
                        cells.append(v.isoformat())
                    else:
                        cells.append(v)
                data.append(cells)
            return {"columns": [str(c) for c in df.columns], "dtypes": [str(t) for t in df.dtypes], "data": data}
        def scalar(v):
            v = v.item() if hasattr(v, "item") else v
            return None if isinstance(v, float) and math.isnan(v) else v
        def read(pattern, **kw):
            return pd.concat([pd.read_csv(f, **kw) for f in sorted(glob.glob(pattern))], ignore_index=True)
        """;

    /// <summary>Runs <paramref name="body"/> (which fills the dict <c>out</c>) and returns <c>out</c>.</summary>
    public static JsonElement Run(string body)
    {
        var script = Prelude + "\n" + body + "\nprint(json.dumps(out))\n";
        var text = PythonOracle.Run(script);
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>A path as a Python string literal.</summary>
    public static string Quote(string path) => JsonSerializer.Serialize(path);
}
