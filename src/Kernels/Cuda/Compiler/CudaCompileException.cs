namespace Tessera.Kernels.Cuda.Compiler;

/// <summary>NVRTC rejected generated source. The message holds the compiler log and the numbered source.</summary>
public sealed class CudaCompileException : CudaException
{
    /// <summary>Creates the exception from the compile's facts.</summary>
    public CudaCompileException(string programName, IReadOnlyList<string> options, string log, string source, int status)
        : base(
            $"NVRTC could not compile '{programName}' (status {status}) with options [{string.Join(" ", options ?? [])}].\n" +
            $"Compiler log:\n{log}\nGenerated source:\n{Numbered(source)}\n" +
            "This is a bug in Tessera's CUDA code generation; please report it with the message above.")
    {
        Log = log;
        GeneratedSource = source;
        Status = status;
    }

    /// <summary>Creates the exception with a message.</summary>
    public CudaCompileException(string message)
        : base(message)
    {
        Log = "";
        GeneratedSource = "";
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public CudaCompileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Log = "";
        GeneratedSource = "";
    }

    /// <summary>Creates the exception without a message.</summary>
    public CudaCompileException()
    {
        Log = "";
        GeneratedSource = "";
    }

    /// <summary>NVRTC's log.</summary>
    public string Log { get; }

    /// <summary>The source that failed.</summary>
    public string GeneratedSource { get; }

    private static string Numbered(string source) => string.Join('\n',
        (source ?? "").Split('\n').Select((line, i) => $"{i + 1,4}: {line}"));
}
