using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Tests.Support;

namespace Tessera.Kernels.Tests.Elementwise;

/// <summary>Shared harness: runs an expression on the backend and on the scalar reference.</summary>
public abstract class ElementwiseTestBase
{
    internal abstract IComputeBackend Backend { get; }

    /// <summary>
    /// Factor on the tolerance of trees that cancel terms after transcendental functions. 1 for
    /// the CPU, whose results use the very functions the scalar reference calls; a device's libm
    /// may differ by a few ulp (OpenCL allows 4 for sin/cos), which a subtraction such as
    /// 4.098 - 4 turns into a relative error tens of times larger.
    /// </summary>
    internal virtual double CancellationSlack => 1;

    internal void AssertMatchesReference(Expr e, Array[] data, int[][] shapes, int[] outputShape, string what, double? relative = null)
    {
        var inputs = data.Select((d, i) => Buffers.Upload(Backend, d, shapes[i])).ToArray();
        var output = Backend.Allocate(e.DType, outputShape);
        Backend.Elementwise(e, inputs, output);
        var actual = Buffers.Download(Backend, output);
        var tolerance = relative ?? Close.Tolerance(e.DType);
        for (long i = 0; i < actual.Length; i++)
        {
            var flat = i;
            var expected = ScalarReference.Evaluate(e, k =>
                TestData.At(data[k], ScalarReference.BroadcastIndex(flat, outputShape, shapes[k])));
            if (!Close.Equal(expected, actual[i], tolerance))
            {
                var inputsText = string.Join(", ", data.Select((d, k) =>
                    TestData.At(d, ScalarReference.BroadcastIndex(flat, outputShape, shapes[k])).ToString()));
                Assert.Fail($"{what}: element {i} of {actual.Length} ({e} at inputs {inputsText}): expected {expected}, got {actual[i]}");
            }
        }
    }
}
