namespace Tessera.Kernels.Gpu;

/// <summary>
/// The spelling differences between OpenCL C and CUDA C++: type names, qualifiers, work-item
/// ids, barriers. Everything else the generators write is common C.
/// </summary>
internal sealed class CDialect
{
    private CDialect(GpuDialect dialect) => Dialect = dialect;

    public static CDialect OpenCL { get; } = new(GpuDialect.OpenCL);

    public static CDialect Cuda { get; } = new(GpuDialect.Cuda);

    public GpuDialect Dialect { get; }

    private bool IsCuda => Dialect == GpuDialect.Cuda;

    public static CDialect For(GpuDialect dialect) => dialect == GpuDialect.Cuda ? Cuda : OpenCL;

    /// <summary>The C type of one element; bool is stored as one unsigned byte holding 0 or 1.</summary>
    public string Type(DType dtype) => dtype switch
    {
        DType.Float32 => "float",
        DType.Float64 => "double",
        DType.Int32 => "int",
        DType.Int64 => Long,
        DType.Bool => IsCuda ? "unsigned char" : "uchar",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown element type."),
    };

    /// <summary>The unsigned type of the same width, for wrapping integer arithmetic without undefined behaviour.</summary>
    public string Unsigned(DType dtype) => dtype switch
    {
        DType.Int32 => IsCuda ? "unsigned int" : "uint",
        DType.Int64 => ULong,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Only integers have an unsigned twin here."),
    };

    public string Long => IsCuda ? "long long" : "long";

    public string ULong => IsCuda ? "unsigned long long" : "ulong";

    /// <summary>Suffix of a 64-bit integer literal.</summary>
    public string LongSuffix => IsCuda ? "LL" : "L";

    public string KernelQualifier => IsCuda ? "extern \"C\" __global__ void" : "__kernel void";

    /// <summary>Qualifier of device functions other than kernels (overloadable: helpers exist per type).</summary>
    public string FunctionQualifier => IsCuda ? "static __device__ __forceinline__" : "static inline __attribute__((overloadable))";

    public string GlobalPointer(string type, bool isConst) =>
        IsCuda ? $"{(isConst ? "const " : string.Empty)}{type}* __restrict__" : $"__global {(isConst ? "const " : string.Empty)}{type}* restrict";

    public string LocalArray(string type, string name, int length) =>
        IsCuda ? $"__shared__ {type} {name}[{length}];" : $"__local {type} {name}[{length}];";

    public string LocalBarrier => IsCuda ? "__syncthreads();" : "barrier(CLK_LOCAL_MEM_FENCE);";

    public string GlobalId => IsCuda ? "((long long)blockIdx.x * blockDim.x + threadIdx.x)" : "(long)get_global_id(0)";

    public string GlobalSize => IsCuda ? "((long long)gridDim.x * blockDim.x)" : "(long)get_global_size(0)";

    public string LocalId(int axis) => IsCuda ? $"(int)threadIdx.{"xyz"[axis]}" : $"(int)get_local_id({axis})";

    public string GroupId(int axis) => IsCuda ? $"(long long)blockIdx.{"xyz"[axis]}" : $"(long)get_group_id({axis})";

    /// <summary>A quiet NaN of a floating type (CUDA C++ has no NAN macro without headers).</summary>
    public string NaN(DType dtype) => (IsCuda, dtype) switch
    {
        (true, DType.Float32) => "__int_as_float(0x7fc00000)",
        (true, _) => "__longlong_as_double(0x7ff8000000000000LL)",
        (false, DType.Float32) => "NAN",
        _ => "(double)NAN",
    };

    /// <summary>Lines every source starts with: extensions and the fp64 pragma when doubles appear.</summary>
    public string Prelude(bool usesDouble) => IsCuda || !usesDouble
        ? string.Empty
        : "#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n";
}
