using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ProfilePortal.Web.Features.TwoFactor;

/// <summary>
/// RFC 6238 time-based one-time passwords as authenticator apps compute them: HMAC-SHA1 over the 30-second time step
/// since the Unix epoch, dynamically truncated (RFC 4226) to six digits.
/// </summary>
public static class Totp
{
    public const int Digits = 6;
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    /// <summary>The time step a moment falls in: whole periods since the Unix epoch.</summary>
    public static long TimeStep(DateTimeOffset moment) => moment.ToUnixTimeSeconds() / (long)Period.TotalSeconds;

    /// <summary>The six-digit code of <paramref name="timeStep"/>, with leading zeros.</summary>
    public static string Code(ReadOnlySpan<byte> key, long timeStep)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, timeStep);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
        // SHA-1 is what RFC 6238 and every authenticator app use; as an HMAC it has no known weakness that matters here.
#pragma warning disable CA5350
        HMACSHA1.HashData(key, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7FFFFFFF;
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 4648 base32 (the alphabet authenticator keys are written in), case-insensitive, spaces and padding ignored.</summary>
    public static byte[] DecodeBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '=' or '-') continue;
            var value = alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0) throw new FormatException("Not a base32 character.");
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return output.ToArray();
    }
}
