using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Ops;

namespace Tessera.Kernels.Cpu.Fused.Compiled;

/// <summary>
/// The register-level path for elementwise expressions: when every node has a vector form
/// (float32/float64 arithmetic, min/max, abs, sqrt, x ** 2, float64 sin/cos), the whole tree is
/// evaluated one vector at a time at the process's widest vector width (AVX-512, AVX2 or 128-bit;
/// see <see cref="IVectorNode{T}"/>), bit-identical to the tile path. Inputs read contiguously are
/// read in place, one-element inputs as scalars, and other broadcast or strided inputs are
/// gathered a tile at a time first. Anything else (other ops, casts, bools and integers) returns
/// false and the caller runs <see cref="FusedProgram"/>.
/// </summary>
internal static class CompiledElementwise
{
    /// <summary>Evaluates <paramref name="expression"/> into <paramref name="output"/> if it compiles; false (nothing written) otherwise.</summary>
    public static bool TryRun(Expr expression, IReadOnlyList<CpuBuffer> inputs, CpuBuffer output) =>
        TryRun(expression, inputs, output, SimdWidth.Bits);

    /// <summary>
    /// <see cref="TryRun(Expr, IReadOnlyList{CpuBuffer}, CpuBuffer)"/> with vectors of
    /// <paramref name="bits"/> bits (512, 256 or 128), whatever the process's widest: so tests on a
    /// wide machine run the narrower kernels too.
    /// </summary>
    internal static bool TryRun(Expr expression, IReadOnlyList<CpuBuffer> inputs, CpuBuffer output, int bits)
    {
        if (bits is not (512 or 256 or 128))
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "Vectors have 512, 256 or 128 bits.");
        }
        if (output.Length == 0)
        {
            return false;
        }
        return output switch
        {
            CpuBuffer<double> d => CompiledKernels<double>.TryRun(expression, inputs, d, bits),
            CpuBuffer<float> f => CompiledKernels<float>.TryRun(expression, inputs, f, bits),
            _ => false,
        };
    }
}

/// <summary>The compiled kernels of one element type, cached by expression structure and input modes.</summary>
internal static class CompiledKernels<T>
    where T : unmanaged
{
    // null marks a structure with no vector form, so it is not lowered again on every call.
    private static readonly ConcurrentDictionary<string, VectorKernel<T>?> Cache = new();

    // Signatures abstract constants away, but the lowering turns x ** 2 into a square with no
    // constant slot: which powers are squares must be part of the key, or x ** 3 would reuse the
    // square's kernel and miss its exponent.
    private static string Squares(Expr expression)
    {
        var marks = new System.Text.StringBuilder();
        ExprWalk.Visit(expression, e =>
        {
            if (e is BinaryExpr { Right: ConstantExpr c } b && b.Op == OpTable.Power)
            {
                marks.Append(c.Value.ToDouble() == 2 ? '2' : 'c');
            }
        });
        return marks.ToString();
    }

    public static unsafe bool TryRun(Expr expression, IReadOnlyList<CpuBuffer> inputs, CpuBuffer<T> output, int bits)
    {
        if (expression.DType != output.DType || Modes(expression, inputs, output.Shape) is not { } modes)
        {
            return false;
        }
        var key = expression.Signature.Text + "|" + new string([.. modes.Select(m => (char)m)]) + "|" + Squares(expression);
        if (!Cache.TryGetValue(key, out var kernel))
        {
            kernel = Cache.GetOrAdd(key, _ => Build(expression, modes));
        }
        if (kernel is null)
        {
            return false;
        }
        var bindings = new Lowering<T>(modes, buildTypes: false);
        bindings.Lower(expression);
        var pins = new GCHandle[bindings.InputsBySlot.Count + 1];
        try
        {
            var frame = default(VectorFrame<T>);
            List<(int Slot, InputStep<T> Gather, nint Address)> gathered = [];
            for (var slot = 0; slot < bindings.InputsBySlot.Count; slot++)
            {
                var index = bindings.InputsBySlot[slot];
                var input = (CpuBuffer<T>)inputs[index];
                if (modes[index] == InputMode.Strided)
                {
                    var tile = GC.AllocateUninitializedArray<T>(FusedProgram.TileLength, pinned: true);
                    var layout = StridedLayout.Create(output.Shape, input.ReadStrides(output.Shape, $"Input {index}"));
                    gathered.Add((slot, new InputStep<T>(input, layout, new Slot<T>(tile)), (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(tile))));
                    continue;
                }
                pins[slot] = GCHandle.Alloc(input.Array, GCHandleType.Pinned);
                frame.Inputs[slot] = (nint)((T*)pins[slot].AddrOfPinnedObject() + input.Offset);
            }
            for (var slot = 0; slot < bindings.Scalars.Count; slot++)
            {
                var binding = bindings.Scalars[slot];
                var value = binding.Input >= 0 ? FirstElement(inputs[binding.Input]) : binding.Value.As<T>();
                frame.Constants[slot] = value;
            }
            pins[^1] = GCHandle.Alloc(output.Array, GCHandleType.Pinned);
            var destination = (T*)pins[^1].AddrOfPinnedObject() + output.Offset;
            if (gathered.Count == 0)
            {
                kernel.Run(ref frame, destination, (nuint)output.Length, bits);
            }
            else
            {
                RunGathered(kernel, ref frame, gathered, destination, output.Length, bits);
            }
            return true;
        }
        finally
        {
            foreach (var pin in pins)
            {
                if (pin.IsAllocated)
                {
                    pin.Free();
                }
            }
        }
    }

    // Broadcast or strided inputs are gathered a tile at a time (as the tile path does) into
    // pinned tile buffers, and the kernel runs tile by tile with every input pointer moved to
    // the tile. Elements do not depend on their neighbours, so tiles give the values of one run
    // over the whole output.
    private static unsafe void RunGathered(
        VectorKernel<T> kernel, ref VectorFrame<T> frame, List<(int Slot, InputStep<T> Gather, nint Address)> gathered,
        T* destination, long total, int bits)
    {
        var tileFrame = frame;
        for (long start = 0; start < total; start += FusedProgram.TileLength)
        {
            var count = (int)Math.Min(FusedProgram.TileLength, total - start);
            for (var k = 0; k < VectorFrame<T>.MaxInputs; k++)
            {
                tileFrame.Inputs[k] = frame.Inputs[k] == 0 ? 0 : (nint)((T*)frame.Inputs[k] + start);
            }
            foreach (var (slot, gather, address) in gathered)
            {
                gather.Run(start, count);
                tileFrame.Inputs[slot] = address;
            }
            kernel.Run(ref tileFrame, destination + start, (nuint)count, bits);
        }
    }

    private static T FirstElement(CpuBuffer input) => ((CpuBuffer<T>)input).Array[((CpuBuffer<T>)input).Offset];

    private static VectorKernel<T>? Build(Expr expression, InputMode[] modes)
    {
        var root = new Lowering<T>(modes, buildTypes: true).Lower(expression);
        return root is null
            ? null
            : (VectorKernel<T>)Activator.CreateInstance(typeof(VectorKernel<,>).MakeGenericType(typeof(T), root))!;
    }

    // How each input is read, or null when an input does not match its declaration (the tile
    // path then reports the error) or is not of the element type (no casts compile here).
    private static InputMode[]? Modes(Expr expression, IReadOnlyList<CpuBuffer> inputs, IReadOnlyList<int> shape)
    {
        var modes = new InputMode[inputs.Count];
        Array.Fill(modes, InputMode.Unused);
        var valid = true;
        ExprWalk.Visit(expression, e =>
        {
            if (e is not InputExpr input || !valid)
            {
                return;
            }
            if (input.Index >= inputs.Count || inputs[input.Index].DType != input.DType || input.DType != DTypes.Of<T>())
            {
                valid = false;
                return;
            }
            if (modes[input.Index] == InputMode.Unused)
            {
                modes[input.Index] = Mode(inputs[input.Index], shape, input.Index);
            }
        });
        return valid ? modes : null;
    }

    private static InputMode Mode(CpuBuffer input, IReadOnlyList<int> shape, int index)
    {
        var strides = input.ReadStrides(shape, $"Input {index}");
        if (StridedLayout.Create(shape, strides).IsContiguous)
        {
            return InputMode.Contiguous;
        }
        return input.Length == 1 ? InputMode.Splat : InputMode.Strided;
    }
}
