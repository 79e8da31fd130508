using Tessera.Arrays.Lazy;
using Tessera.Arrays.Reductions;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;

namespace Tessera.Arrays.LinearAlgebra;

/// <summary>
/// How the operand blocks of a <see cref="ContractionPlan"/> are laid out for GEMM: a's block
/// permuted to (batch…, free…, contracted…) = (B, M, K) and b's to (batch…, contracted…, free…)
/// = (B, K, N), so each batch element is one M×K by K×N product. Blocks already in that order
/// (every matmul) are used in place.
/// </summary>
internal sealed class ContractionLayout
{
    public ContractionLayout(ContractionPlan plan, IReadOnlyList<long> shapeA, IReadOnlyList<long> shapeB)
    {
        Plan = plan;
        PermutationA = [.. plan.BatchA.Where(d => d >= 0), .. plan.FreeA, .. plan.ContractA];
        PermutationB = [.. plan.BatchB.Where(d => d >= 0), .. plan.ContractB, .. plan.FreeB];
        // A batch axis of length 1 in an operand broadcasts: its position stays 0.
        BroadcastA = [.. plan.BatchA.Select(d => d >= 0 && shapeA[d] == 1)];
        BroadcastB = [.. plan.BatchB.Select(d => d >= 0 && shapeB[d] == 1)];
        IsMatrixProduct = plan.BatchRank == 0 && shapeA.Count == 2 && shapeB.Count == 2 &&
            plan.FreeA.SequenceEqual([0]) && plan.ContractA.SequenceEqual([1]) && plan.ContractB.SequenceEqual([0]) && plan.FreeB.SequenceEqual([1]);
    }

    /// <summary>A plain (n, k) · (k, m) product: the blocks go to the backend's GEMM as they are, on any device.</summary>
    public bool IsMatrixProduct { get; }

    public ContractionPlan Plan { get; }

    public int[] PermutationA { get; }

    public int[] PermutationB { get; }

    public bool[] BroadcastA { get; }

    public bool[] BroadcastB { get; }
}

/// <summary>
/// One partial of a blocked product: pairs of operand blocks multiplied, batch element by batch
/// element, with GEMMs accumulating into one output (beta = 0 for the first pair, 1 after).
/// Plain matrix blocks on a device multiply there; batched or permuted blocks on a device are
/// multiplied on the host (views and copies of host memory) and go back.
/// </summary>
internal static class HostContraction
{
    public static IDeviceBuffer Multiply(IComputeBackend backend, IReadOnlyList<(IDeviceBuffer A, IDeviceBuffer B)> pairs,
        ContractionLayout layout, int[] outputShape, int[] partialShape)
    {
        if (layout.IsMatrixProduct && pairs.All(p => p.A is not CpuBuffer && p.B is not CpuBuffer && p.A.Length > 0 && p.B.Length > 0))
        {
            var product = backend.Allocate(pairs[0].A.DType, [pairs[0].A.Shape[0], pairs[0].B.Shape[1]]);
            for (var p = 0; p < pairs.Count; p++)
            {
                backend.Gemm(false, false, 1.0, pairs[p].A, pairs[p].B, p == 0 ? 0.0 : 1.0, product);
            }
            return HostBlocks.Reshape(product, partialShape);
        }
        var cpu = ComputeBackends.For(Device.Cpu);
        var host = pairs.Select(p => (Residency.ToHost(p.A), Residency.ToHost(p.B))).ToArray();
        var result = host[0] switch
        {
            (CpuBuffer<float>, CpuBuffer<float>) => (IDeviceBuffer)Multiply<float>(cpu, host, layout, outputShape, partialShape),
            (CpuBuffer<double>, CpuBuffer<double>) => Multiply<double>(cpu, host, layout, outputShape, partialShape),
            _ => throw new NotSupportedException(
                $"{layout.Plan.Operation} of {host[0].Item1.DType} and {host[0].Item2.DType} blocks is not supported; use two float32 or two float64 arrays."),
        };
        return Residency.ToBackend(backend, result);
    }

    private static CpuBuffer<T> Multiply<T>(IComputeBackend backend, (CpuBuffer, CpuBuffer)[] pairs, ContractionLayout layout,
        int[] outputShape, int[] partialShape) where T : unmanaged
    {
        var plan = layout.Plan;
        var batch = outputShape[..plan.BatchRank];
        var count = batch.Aggregate(1, (x, y) => x * y);
        var m = plan.FreeA.Aggregate(1, (n, d) => n * pairs[0].Item1.Shape[d]);
        var n = plan.FreeB.Aggregate(1, (x, d) => x * pairs[0].Item2.Shape[d]);
        var ks = pairs.Select(p => plan.ContractA.Aggregate(1, (x, d) => x * p.Item1.Shape[d])).ToArray();
        if (count * m * n == 0 || ks.All(k => k == 0))
        {
            return CpuBuffer.Wrap(new T[count * m * n], partialShape); // the sum over an empty axis is 0
        }
        // Every element is written by the first GEMM that has a non-empty k (beta = 0 reads nothing).
        var output = CpuBuffer.Wrap(HostArrays.Allocate<T>((long)count * m * n, zeroed: false), partialShape);
        var written = false;
        for (var p = 0; p < pairs.Length; p++)
        {
            if (ks[p] == 0)
            {
                continue;
            }
            AddProduct((CpuBuffer<T>)pairs[p].Item1, (CpuBuffer<T>)pairs[p].Item2, backend, layout, batch, count, m, ks[p], n,
                written ? 1.0 : 0.0, output);
            written = true;
        }
        return output;
    }

    private static void AddProduct<T>(CpuBuffer<T> a, CpuBuffer<T> b, IComputeBackend backend, ContractionLayout layout,
        int[] batch, int count, int m, int k, int n, double beta, CpuBuffer<T> output) where T : unmanaged
    {
        var plan = layout.Plan;
        var (arrayA, offsetA) = Ordered(a, layout.PermutationA);
        var (arrayB, offsetB) = Ordered(b, layout.PermutationB);
        var stridesA = BatchStrides(plan.BatchA, layout.BroadcastA, a.Shape);
        var stridesB = BatchStrides(plan.BatchB, layout.BroadcastB, b.Shape);
        var position = new int[batch.Length];
        for (var e = 0; e < count; e++)
        {
            long elementA = 0, elementB = 0;
            for (var p = 0; p < batch.Length; p++)
            {
                elementA += position[p] * stridesA[p];
                elementB += position[p] * stridesB[p];
            }
            backend.Gemm(false, false, 1.0,
                CpuBuffer.Wrap(arrayA, checked((int)(offsetA + (elementA * m * k))), [m, k]),
                CpuBuffer.Wrap(arrayB, checked((int)(offsetB + (elementB * k * n))), [k, n]),
                beta, CpuBuffer.Wrap(output.Array, e * m * n, [m, n]));
            for (var p = batch.Length - 1; p >= 0 && ++position[p] == batch[p]; p--)
            {
                position[p] = 0;
            }
        }
    }

    /// <summary>Per batch axis of the result, how many operand batch elements one step moves: 0 where the operand lacks the axis or broadcasts it.</summary>
    private static long[] BatchStrides(int[] batchAxes, bool[] broadcast, IReadOnlyList<int> shape)
    {
        var strides = new long[batchAxes.Length];
        long stride = 1;
        for (var p = batchAxes.Length - 1; p >= 0; p--)
        {
            if (batchAxes[p] < 0)
            {
                continue;
            }
            strides[p] = broadcast[p] ? 0 : stride;
            stride *= shape[batchAxes[p]];
        }
        return strides;
    }

    /// <summary>The block's elements in <paramref name="permutation"/>'s axis order: the block itself when already so, else a permuted copy.</summary>
    private static (T[] Array, int Offset) Ordered<T>(CpuBuffer<T> block, int[] permutation) where T : unmanaged
    {
        if (permutation.Select((p, i) => p == i).All(same => same))
        {
            return (block.Array, block.Offset);
        }
        var shape = block.Shape;
        var rank = shape.Count;
        var sourceStrides = new long[rank];
        long stride = 1;
        for (var d = rank - 1; d >= 0; d--)
        {
            sourceStrides[d] = stride;
            stride *= shape[d];
        }
        var strides = permutation.Select(p => sourceStrides[p]).ToArray();
        var lengths = permutation.Select(p => shape[p]).ToArray();
        var from = block.Span;
        var to = new T[from.Length];
        var index = new int[rank];
        long offset = 0;
        for (var i = 0; i < to.Length; i++)
        {
            to[i] = from[(int)offset];
            for (var d = rank - 1; d >= 0; d--)
            {
                offset += strides[d];
                if (++index[d] < lengths[d])
                {
                    break;
                }
                offset -= strides[d] * index[d];
                index[d] = 0;
            }
        }
        return (to, 0);
    }
}
