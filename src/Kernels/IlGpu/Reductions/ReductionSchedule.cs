using ILGPU.Runtime;

namespace Tessera.Kernels.IlGpu.Reductions;

/// <summary>
/// How one reduction is launched: the group size, how many stage-1 partials (slots) each output
/// is split into, or one thread per output (<see cref="Rows"/>). It depends only on the shape and
/// the accelerator's fixed properties, never on timing, so a call combines in the same order every run.
/// </summary>
/// <param name="GroupSize">Threads per group, a power of two.</param>
/// <param name="Slots">Stage-1 partials per output; above 1 a stage-2 kernel merges them.</param>
/// <param name="Rows">One thread per output instead of groups.</param>
internal readonly record struct ReductionSchedule(int GroupSize, int Slots, bool Rows)
{
    /// <summary>Reductions this short run one output per thread: a group would idle most of its threads.</summary>
    public const int RowsMaxReduced = 16;

    /// <summary>Elements each thread folds per slot before another slot pays off.</summary>
    public const int ElementsPerThread = 16;

    /// <summary>The most slots per output (stage 2 folds them with one group).</summary>
    public const int MaxSlots = 1024;

    /// <summary>Groups per multiprocessor the split aims to keep busy.</summary>
    public const int GroupsPerMultiprocessor = 8;

    /// <summary>
    /// The largest power of two no larger than the accelerator's group limit or 256 (ILGPU's CPU
    /// accelerator allows 16; GPUs 1024, where 256 keeps more groups resident).
    /// </summary>
    public static int GroupSizeFor(Accelerator accelerator)
    {
        var limit = Math.Min(accelerator.MaxNumThreadsPerGroup, 256);
        var size = 1;
        while (size * 2 <= limit)
        {
            size *= 2;
        }
        return size;
    }

    /// <summary>The schedule of <paramref name="outputs"/> outputs of <paramref name="reduced"/> elements each.</summary>
    public static ReductionSchedule Choose(Accelerator accelerator, int outputs, int reduced)
    {
        var group = GroupSizeFor(accelerator);
        if (reduced <= RowsMaxReduced && outputs >= group)
        {
            return new ReductionSchedule(group, 1, true);
        }
        var byWork = Math.Max(1, reduced / (group * ElementsPerThread));
        var target = Math.Max(1, accelerator.NumMultiprocessors) * GroupsPerMultiprocessor;
        var byDevice = Math.Max(1, target / Math.Max(outputs, 1));
        return new ReductionSchedule(group, Math.Min(Math.Min(byWork, byDevice), MaxSlots), false);
    }

    /// <summary>Checks a schedule given from outside (tests force splits with it).</summary>
    public ReductionSchedule Validate(Accelerator accelerator)
    {
        if (GroupSize < 1 || (GroupSize & (GroupSize - 1)) != 0 || GroupSize > accelerator.MaxNumThreadsPerGroup || Slots < 1)
        {
            throw new ArgumentException(
                $"Schedule {this} is not valid on {accelerator.Name}: the group size must be a power of two up to " +
                $"{accelerator.MaxNumThreadsPerGroup} and slots at least 1. Use ReductionSchedule.Choose for a valid one.");
        }
        return this;
    }
}
