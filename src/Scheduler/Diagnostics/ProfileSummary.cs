using System.Text;

namespace Tessera.Diagnostics;

/// <summary>
/// Time per task kind over one or more runs: count, total, mean and longest task, and the
/// bytes their results held. <see cref="ToString"/> gives a table, busiest kind first.
/// </summary>
public sealed class ProfileSummary : IComputeObserver
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, KindProfile> _kinds = new(StringComparer.Ordinal);

    /// <summary>Figures for one kind of task.</summary>
    /// <param name="Kind">The task kind.</param>
    /// <param name="Count">Tasks of this kind that finished.</param>
    /// <param name="Total">Their summed duration.</param>
    /// <param name="Longest">The longest one.</param>
    /// <param name="ResultBytes">Bytes of their results, summed.</param>
    public sealed record KindProfile(string Kind, int Count, TimeSpan Total, TimeSpan Longest, long ResultBytes)
    {
        /// <summary>Mean duration.</summary>
        public TimeSpan Mean => Count == 0 ? TimeSpan.Zero : Total / Count;
    }

    /// <summary>The kinds seen so far, by total time, largest first.</summary>
    public IReadOnlyList<KindProfile> Kinds
    {
        get
        {
            lock (_gate)
            {
                return [.. _kinds.Values.OrderByDescending(k => k.Total).ThenBy(k => k.Kind, StringComparer.Ordinal)];
            }
        }
    }

    /// <inheritdoc />
    public void OnTaskFinished(in TaskEvent task)
    {
        var duration = task.Duration;
        lock (_gate)
        {
            var p = _kinds.GetValueOrDefault(task.Kind) ?? new KindProfile(task.Kind, 0, TimeSpan.Zero, TimeSpan.Zero, 0);
            _kinds[task.Kind] = p with
            {
                Count = p.Count + 1,
                Total = p.Total + duration,
                Longest = duration > p.Longest ? duration : p.Longest,
                ResultBytes = p.ResultBytes + task.ResultBytes,
            };
        }
    }

    /// <summary>A table: kind, count, total ms, mean µs, longest ms, result bytes.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"{"kind",-24} {"count",9} {"total ms",10} {"mean us",10} {"max ms",9} {"bytes",14}");
        foreach (var k in Kinds)
        {
            text.AppendLine($"{k.Kind,-24} {k.Count,9} {k.Total.TotalMilliseconds,10:0.0} " +
                            $"{k.Mean.TotalMicroseconds,10:0.0} {k.Longest.TotalMilliseconds,9:0.00} {k.ResultBytes,14}");
        }
        return text.ToString();
    }
}
