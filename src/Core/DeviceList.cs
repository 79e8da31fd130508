using System.Collections;
using System.Globalization;
using System.Text;

namespace Tessera;

/// <summary>
/// The devices present, best first, and the backends or devices found absent with the reason
/// (<see cref="Absent"/>). <see cref="ToString"/> describes both, so printing
/// <see cref="Device.Available"/> answers "why is this running on the CPU?".
/// </summary>
public sealed class DeviceList : IReadOnlyList<DeviceInfo>
{
    private readonly DeviceInfo[] _present;

    /// <summary>A list of <paramref name="present"/> devices (in the order given) and <paramref name="absent"/> backends.</summary>
    public DeviceList(IEnumerable<DeviceInfo> present, IEnumerable<DeviceAbsence> absent)
    {
        ArgumentNullException.ThrowIfNull(present);
        ArgumentNullException.ThrowIfNull(absent);
        _present = [.. present];
        Absent = [.. absent];
    }

    /// <summary>The backends or devices looked for and not listed, each with why.</summary>
    public IReadOnlyList<DeviceAbsence> Absent { get; }

    /// <inheritdoc/>
    public int Count => _present.Length;

    /// <inheritdoc/>
    public DeviceInfo this[int index] => _present[index];

    /// <summary>
    /// Several lines: each present device (name, memory, whether a GPU) best first, then each
    /// absent backend with its reason.
    /// </summary>
    public string Description
    {
        get
        {
            var text = new StringBuilder("Devices, best first:");
            foreach (var info in _present)
            {
                var gib = info.MemoryBytes / (double)(1L << 30);
                text.Append(CultureInfo.InvariantCulture,
                    $"\n  {info.Device}: {info.Name}, {gib:0.#} GiB{(info.IsGpu ? ", GPU" : "")}");
            }
            text.Append(Absent.Count == 0 ? "\nNo backend reported an absent device." : "\nAbsent:");
            foreach (var absence in Absent)
            {
                text.Append("\n  ").Append(absence);
            }
            return text.ToString();
        }
    }

    /// <summary>The <see cref="Description"/>.</summary>
    public override string ToString() => Description;

    /// <inheritdoc/>
    public IEnumerator<DeviceInfo> GetEnumerator() => ((IEnumerable<DeviceInfo>)_present).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
