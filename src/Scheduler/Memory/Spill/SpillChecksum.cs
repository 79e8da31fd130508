using System.Numerics;
using System.Runtime.InteropServices;

namespace Tessera.Scheduling;

/// <summary>
/// A 64-bit checksum of spill files, fed incrementally as bytes stream past (System.IO.Hashing
/// is not among this project's packages). Four independent lanes of multiply–rotate rounds (the
/// round of xxHash64, with its published primes) keep it near memory speed.
/// </summary>
/// <remarks>
/// Every step is a bijection of the lane it updates for a fixed input word, and the final
/// combination adds the lanes, so changing any one byte always changes the checksum: a flipped
/// byte on disk is always detected, not merely with high probability.
/// </remarks>
internal struct SpillChecksum
{
    private const ulong Prime1 = 0x9E3779B185EBCA87UL;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;
    private const ulong Prime3 = 0x165667B19E3779F9UL;
    private const int BlockBytes = 32;

    private ulong _lane0;
    private ulong _lane1;
    private ulong _lane2;
    private ulong _lane3;
    private Block _pending;
    private int _pendingCount;

    public SpillChecksum()
    {
        _lane0 = unchecked(Prime1 + Prime2);
        _lane1 = Prime2;
        _lane2 = 0;
        _lane3 = unchecked(0 - Prime1);
    }

    /// <summary>Bytes fed so far.</summary>
    public long Length { get; private set; }

    [System.Runtime.CompilerServices.InlineArray(BlockBytes)]
    private struct Block
    {
        private byte _element;
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        Length += data.Length;
        if (_pendingCount > 0)
        {
            var take = Math.Min(BlockBytes - _pendingCount, data.Length);
            data[..take].CopyTo(((Span<byte>)_pending)[_pendingCount..]);
            _pendingCount += take;
            data = data[take..];
            if (_pendingCount < BlockBytes)
            {
                return;
            }
            Mix(_pending);
            _pendingCount = 0;
        }
        var whole = data.Length - (data.Length % BlockBytes);
        var words = MemoryMarshal.Cast<byte, ulong>(data[..whole]);
        for (var i = 0; i < words.Length; i += 4)
        {
            _lane0 = Round(_lane0, words[i]);
            _lane1 = Round(_lane1, words[i + 1]);
            _lane2 = Round(_lane2, words[i + 2]);
            _lane3 = Round(_lane3, words[i + 3]);
        }
        data[whole..].CopyTo(_pending);
        _pendingCount = data.Length - whole;
    }

    /// <summary>The checksum of everything appended (the state is not changed).</summary>
    public readonly ulong Value
    {
        get
        {
            unchecked
            {
                var hash = BitOperations.RotateLeft(_lane0, 1) + BitOperations.RotateLeft(_lane1, 7) +
                           BitOperations.RotateLeft(_lane2, 12) + BitOperations.RotateLeft(_lane3, 18);
                ReadOnlySpan<byte> tail = _pending;
                foreach (var b in tail[.._pendingCount])
                {
                    hash = (hash ^ b) * Prime3; // odd multiplier: a bijection, so each tail byte counts
                }
                hash ^= (ulong)Length;
                hash ^= hash >> 33;
                hash *= Prime2;
                hash ^= hash >> 29;
                return hash;
            }
        }
    }

    private void Mix(ReadOnlySpan<byte> block)
    {
        // Native byte order, as the bulk path reads words: the same bytes give the same
        // checksum however they were split across Append calls.
        var words = MemoryMarshal.Cast<byte, ulong>(block);
        _lane0 = Round(_lane0, words[0]);
        _lane1 = Round(_lane1, words[1]);
        _lane2 = Round(_lane2, words[2]);
        _lane3 = Round(_lane3, words[3]);
    }

    // The build checks arithmetic overflow; hashing wraps on purpose.
    private static ulong Round(ulong lane, ulong word) => unchecked(BitOperations.RotateLeft(lane + (word * Prime2), 31) * Prime1);
}
