using Tessera.Testing;

namespace Tessera.IO.Tests.Inspector;

/// <summary>
/// A small file written by h5py once per test class: a group with attributes, a filtered and
/// resizable chunked dataset with a fill value and only part of its chunks written, a
/// contiguous integer dataset and a soft link.
/// </summary>
public sealed class InspectorFile : IDisposable
{
    public InspectorFile()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tessera-h5inspect-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Path = System.IO.Path.Combine(Directory, "sample.h5");
        PythonOracle.Run($$"""
            import h5py, numpy as np
            with h5py.File('{{Path}}', 'w') as f:
                g = f.create_group('climate')
                g.attrs['title'] = 'monthly means ' * 10
                g.attrs['version'] = np.int32(3)
                t = g.create_dataset('temperature', shape=(4, 6), maxshape=(None, 6), chunks=(2, 3), dtype='<f8',
                                     compression='gzip', compression_opts=4, shuffle=True, fillvalue=-999.5)
                t[0:2] = np.arange(12.0).reshape(2, 6)
                t.attrs['units'] = 'K'
                t.attrs['levels'] = np.arange(10, dtype=np.float64) / 2
                c = f.create_dataset('counts', data=np.array([1, 2, 3], dtype='>i4'))
                f['link'] = h5py.SoftLink('/climate/temperature')
            """);
    }

    public string Directory { get; }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; never fail a run for it.
        }
    }
}
