namespace Tessera.Distributed;

/// <summary>
/// A function or argument given to <see cref="Client.Submit{TResult}(Func{TResult})"/> (or a
/// collection computed on a cluster) holds a value that cannot travel to a worker: a stream, a
/// handle, a thread, a future inside a closure. Thrown at submission, naming the captured field.
/// </summary>
public sealed class CaptureNotSerializableException : ArgumentException
{
    /// <summary>Creates the exception for the value reached through <paramref name="path"/>.</summary>
    public CaptureNotSerializableException(string path, Type type, string reason)
        : base($"Cannot send {path} (a {type.Name}) to a worker: {reason}. " +
            "Capture only data (numbers, strings, arrays, plain objects) in functions sent to a cluster.")
    {
        Path = path;
        ValueType = type;
    }

    /// <summary>The fields that lead to the value, outermost first ("the function Inc → closure of Inc → stream").</summary>
    public string Path { get; }

    /// <summary>The type that cannot be sent.</summary>
    public Type ValueType { get; }
}
