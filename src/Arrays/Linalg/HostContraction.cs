using Tessera.Arrays.Lazy;
using Tessera.Arrays.Reductions;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;

namespace Tessera.Arrays.Linalg;

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
/// One partial of a blocked product: two operand blocks multiplied, batch element by batch
/// element, with a GEMM. Plain matrix blocks on a device multiply there; batched or permuted
/// blocks on a device are multiplied on the host (views and copies of host memory) and go back.
/// </summary>
internal static class HostContraction
{
    public static IDeviceBuffer Multiply(IComputeBackend backend, IDeviceBuffer a, IDeviceBuffer b, ContractionLayout layout,
        int[] outputShape, int[] partialShape)
    {
        if (layout.IsMatrixProduct && a is not CpuBuffer && b is not CpuBuffer && a.Length > 0 && b.Length > 0)
        {
            var product = backend.Allocate(a.DType, [a.Shape[0], b.Shape[1]]);
            backend.Gemm(false, false, 1.0, a, b, 0.0, product);
            return HostBlocks.Reshape(product, partialShape);
        }
        var host = OnHost(ComputeBackends.For(Device.Cpu), Residency.ToHost(a), Residency.ToHost(b), layout, outputShape, partialShape);
        return Residency.ToBackend(backend, host);
    }

    private static IDeviceBuffer OnHost(IComputeBackend cpu, IDeviceBuffer a, IDeviceBuffer b, ContractionLayout layout,
        int[] outputShape, int[] partialShape) => (a, b) switch
        {
            (CpuBuffer<float> fa, CpuBuffer<float> fb) => Multiply(cpu, fa, fb, layout, outputShape, partialShape),
            (CpuBuffer<double> da, CpuBuffer<double> db) => Multiply(cpu, da, db, layout, outputShape, partialShape),
            _ => throw new NotSupportedException(
                $"{layout.Plan.Operation} of {a.DType} and {b.DType} blocks is not supported; use two float32 or two float64 arrays."),
        };

    private static CpuBuffer<T> Multiply<T>(IComputeBackend backend, CpuBuffer<T> a, CpuBuffer<T> b, ContractionLayout layout,
        int[] outputShape, int[] partialShape) where T : unmanaged
    {
        var plan = layout.Plan;
        var shapeA = a.Shape;
        var shapeB = b.Shape;
        var m = plan.FreeA.Aggregate(1, (n, d) => n * shapeA[d]);
        var k = plan.ContractA.Aggregate(1, (n, d) => n * shapeA[d]);
        var n = plan.FreeB.Aggregate(1, (x, d) => x * shapeB[d]);
        var batch = outputShape[..plan.BatchRank];
        var count = batch.Aggregate(1, (x, y) => x * y);
        var output = CpuBuffer.Wrap(new T[count * m * n], partialShape);
        if (count * m * n == 0 || k == 0)
        {
            return output; // nothing to multiply: the sum over an empty axis is 0
        }
        var (arrayA, offsetA) = Ordered(a, layout.PermutationA);
        var (arrayB, offsetB) = Ordered(b, layout.PermutationB);
        var stridesA = BatchStrides(plan.BatchA, layout.BroadcastA, shapeA);
        var stridesB = BatchStrides(plan.BatchB, layout.BroadcastB, shapeB);
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
                0.0, CpuBuffer.Wrap(output.Array, e * m * n, [m, n]));
            for (var p = batch.Length - 1; p >= 0 && ++position[p] == batch[p]; p--)
            {
                position[p] = 0;
            }
        }
        return output;
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
