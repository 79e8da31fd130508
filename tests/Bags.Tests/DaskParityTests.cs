using System.Globalization;
using Tessera.Testing;

namespace Tessera.Bags.Tests;

/// <summary>The tutorial's bag operations against dask.bag itself (Debian's python3-dask) on the same gzipped files.</summary>
public sealed class DaskParityTests
{
    [Fact]
    public void CountFoldByFrequenciesMean_MatchDaskBag()
    {
        using var folder = new TempFolder();
        for (var i = 0; i < 3; i++)
        {
            Accounts.Write(folder.File($"accounts.{i}.json.gz"), Accounts.Make(400, seed: 20 + i));
        }
        var pattern = Path.Combine(folder.Path, "accounts.*.json.gz");
        var script = $$"""
            import json, operator
            import dask.bag as db
            b = db.read_text(r'{{pattern}}').map(json.loads)
            print('alice', b.filter(lambda r: r['name'] == 'Alice').count().compute(scheduler='sync'))
            for k, v in sorted(b.foldby('name', lambda t, r: t + sum(x['amount'] for x in r['transactions']), 0, operator.add, 0).compute(scheduler='sync')):
                print('fold', k, v)
            for k, v in sorted(b.pluck('name').frequencies().compute(scheduler='sync')):
                print('freq', k, v)
            print('mean', repr(b.pluck('transactions').flatten().pluck('amount').mean().compute(scheduler='sync')))
            """;
        var dask = PythonOracle.Run(script).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToList();

        var accounts = Bag.ReadJson<Account>(pattern);
        Assert.Equal(long.Parse(dask.Single(l => l[0] == "alice")[1], CultureInfo.InvariantCulture),
            accounts.Where(a => a.Name == "Alice").Count().Compute());
        var folds = accounts.FoldBy(a => a.Name, (t, a) => t + a.Transactions.Sum(x => x.Amount), 0L, (x, y) => x + y, 0L).Compute();
        Assert.Equal(dask.Where(l => l[0] == "fold").Select(l => $"{l[1]} {l[2]}"), folds.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} {f.Value}"));
        var frequencies = accounts.Select(a => a.Name).Frequencies().Compute();
        Assert.Equal(dask.Where(l => l[0] == "freq").Select(l => $"{l[1]} {l[2]}"), frequencies.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} {f.Count}"));
        var mean = double.Parse(dask.Single(l => l[0] == "mean")[1], CultureInfo.InvariantCulture);
        Assert.Equal(mean, accounts.SelectMany(a => a.Transactions).Select(t => t.Amount).Average().Compute(), Math.Abs(mean) * 1e-12);
    }
}
