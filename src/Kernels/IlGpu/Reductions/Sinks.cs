using ILGPU;

namespace Tessera.Kernels.IlGpu.Reductions;

/// <summary>Where a kernel puts a complete partial: a slot of the partials buffer, or finished output(s).</summary>
/// <typeparam name="TAcc">The partial.</typeparam>
internal interface IReductionSink<TAcc> where TAcc : unmanaged
{
    /// <summary>Stores the partial of slot (or output) <paramref name="index"/>.</summary>
    void Write(int index, TAcc acc);
}

/// <summary>Stage-1 partials, stored as they are (output-major: output × slots + slot).</summary>
internal struct PartialSink<TAcc> : IReductionSink<TAcc> where TAcc : unmanaged
{
    /// <summary>The partials buffer.</summary>
    public ArrayView<TAcc> Partials;

    public readonly void Write(int index, TAcc acc) => Partials[index] = acc;
}

/// <summary>The finished result of each output (<see cref="IFinishOp{TAcc, TOut}.Finish"/>).</summary>
internal struct FinishSink<TAcc, TOut, TOp> : IReductionSink<TAcc>
    where TAcc : unmanaged
    where TOut : unmanaged
    where TOp : struct, IFinishOp<TAcc, TOut>
{
    /// <summary>The output buffer.</summary>
    public ArrayView<TOut> Output;

    /// <summary>Delta degrees of freedom (var/std).</summary>
    public int Ddof;

    public readonly void Write(int index, TAcc acc) => Output[index] = TOp.Finish(acc, Ddof);
}

/// <summary>Mean and population variance of each output, from one set of moments (ReduceMoments).</summary>
internal struct MomentsSink<TO, TON> : IReductionSink<Moments>
    where TO : unmanaged
    where TON : struct, IDeviceNumber<TO>
{
    /// <summary>The means.</summary>
    public ArrayView<TO> Mean;

    /// <summary>The variances (ddof 0).</summary>
    public ArrayView<TO> Variance;

    public readonly void Write(int index, Moments acc)
    {
        Mean[index] = TON.FromDouble(acc.Count == 0 ? double.NaN : acc.Mean);
        Variance[index] = TON.FromDouble(VarianceOf.Of(acc, 0));
    }
}
