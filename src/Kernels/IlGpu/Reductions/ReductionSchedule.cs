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
/// <param name="MaxGroups">The most groups one launch asks for; the kernels stride over the rest of their work.</param>
internal readonly record struct ReductionSchedule(int GroupSize, int Slots, bool Rows, int MaxGroups)
{
    /// <summary>Reductions this short run one output per thread: a group would idle most of its threads.</summary>
    public const int RowsMaxReduced = 16;

    /// <summary>Elements each thread folds per slot before another slot pays off.</summary>
    public const int ElementsPerThread = 16;

    /// <summary>The most slots per output (stage 2 folds them with one group).</summary>
    public const int MaxSlots = 1024;

    /// <summary>Groups per multiprocessor the split aims to keep busy.</summary>
    public const int GroupsPerMultiprocessor = 8;

    /// <summary>Waves of resident groups one launch asks for (more groups only add scheduling).</summary>
    public const int Waves = 4;

    /// <summary>
    /// The grid cap: a few waves of the groups the device keeps resident. On ILGPU's CPU accelerator
    /// (one multiprocessor of 16 threads) that is 4 groups; each extra group there costs milliseconds
    /// of thread hand-offs, where a GPU launches thousands at no cost.
    /// </summary>
    public static int MaxGroupsFor(Accelerator accelerator, int groupSize)
    {
        var resident = Math.Max(1, accelerator.MaxNumThreadsPerMultiprocessor / groupSize);
        var groups = (long)Math.Max(1, accelerator.NumMultiprocessors) * resident * Waves;
        return (int)Math.Min(groups, 65535);
    }

    /// <summary>
    /// Threads per group: on a GPU the largest power of two within the device's limit and 256 (more
    /// groups stay resident than with 1024); on ILGPU's CPU accelerator one warp (4 threads), as
    /// its threads are OS threads and every barrier among 16 of them costs about a millisecond on a
    /// busy 2-core machine (measured: 1000 rows of 100 in 10 s at 16 threads, 0.9 s at 4).
    /// </summary>
    public static int GroupSizeFor(Accelerator accelerator)
    {
        var limit = accelerator.AcceleratorType == AcceleratorType.CPU
            ? Math.Min(accelerator.WarpSize, accelerator.MaxNumThreadsPerGroup)
            : Math.Min(accelerator.MaxNumThreadsPerGroup, 256);
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
        // Enough outputs to give every thread of the device its own: sharing one among a group
        // would only add barriers. Too few elements per output: a group would idle.
        if ((reduced <= RowsMaxReduced && outputs >= group) || outputs >= accelerator.MaxNumThreads)
        {
            return new ReductionSchedule(group, 1, true, MaxGroupsFor(accelerator, group));
        }
        var byWork = Math.Max(1, reduced / (group * ElementsPerThread));
        var target = Math.Max(1, accelerator.NumMultiprocessors) * GroupsPerMultiprocessor;
        var byDevice = Math.Max(1, target / Math.Max(outputs, 1));
        return new ReductionSchedule(group, Math.Min(Math.Min(byWork, byDevice), MaxSlots), false, MaxGroupsFor(accelerator, group));
    }

    /// <summary>Checks a schedule given from outside (tests force splits with it).</summary>
    public ReductionSchedule Validate(Accelerator accelerator)
    {
        if (GroupSize < accelerator.WarpSize || (GroupSize & (GroupSize - 1)) != 0 || GroupSize > accelerator.MaxNumThreadsPerGroup || Slots < 1 || MaxGroups < 1)
        {
            throw new ArgumentException(
                $"Schedule {this} is not valid on {accelerator.Name}: the group size must be a power of two from " +
                $"the warp size {accelerator.WarpSize} to {accelerator.MaxNumThreadsPerGroup} and slots and groups at least 1. Use ReductionSchedule.Choose for a valid one.");
        }
        return this;
    }
}
