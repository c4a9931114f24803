using System.Security.Cryptography;
using System.Text;

namespace ProfilePortal.Web.Features.Tokens;

/// <summary>
/// The shape of a personal access token: "ppt_" (a provisioning token: "pps_") + 43 random base62 characters (256 bits from the CSPRNG) + a 6-character
/// base62 CRC-32 of the rest. The prefix lets secret scanners find leaked tokens; the checksum lets them (and us) tell a
/// real token from noise without a database lookup.
/// </summary>
public static class TokenFormat
{
    public const string Prefix = "ppt_";

    /// <summary>Provisioning tokens (SCIM, SPEC 2.9a) have the same shape under their own prefix, so neither kind passes for the other.</summary>
    public const string ProvisioningPrefix = "pps_";
    public const int RandomLength = 43;
    public const int ChecksumLength = 6;
    public const int Length = 4 + RandomLength + ChecksumLength; // both prefixes have 4 characters

    /// <summary>How many random characters the display prefix keeps ("ppt_" + 4): enough to tell tokens apart.</summary>
    private const int DisplayRandomChars = 4;

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Generate(string prefix = Prefix)
    {
        // GetItems picks each character uniformly (no modulo bias): 43 × log2(62) ≈ 256 bits.
        var random = RandomNumberGenerator.GetItems<char>(Alphabet, RandomLength);
        var body = prefix + new string(random);
        return body + Checksum(body);
    }

    /// <summary>True when the value has the prefix, the length, only base62 characters and a matching checksum.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> value, string prefix = Prefix)
    {
        if (value.Length != Length || !value.StartsWith(prefix, StringComparison.Ordinal)) return false;
        foreach (var c in value[prefix.Length..])
        {
            if (!char.IsAsciiLetterOrDigit(c)) return false;
        }

        var body = value[..^ChecksumLength];
        Span<char> expected = stackalloc char[ChecksumLength];
        WriteChecksum(body, expected);
        return value[^ChecksumLength..].SequenceEqual(expected);
    }

    /// <summary>Lower-case hex SHA-256 of the token: what the database stores and is searched by.</summary>
    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(value)));

    public static string DisplayPrefix(string value) => value[..(Prefix.Length + DisplayRandomChars)];

    private static string Checksum(ReadOnlySpan<char> body)
    {
        Span<char> checksum = stackalloc char[ChecksumLength];
        WriteChecksum(body, checksum);
        return new string(checksum);
    }

    private static void WriteChecksum(ReadOnlySpan<char> body, Span<char> destination)
    {
        var crc = Crc32(body);
        // Six base62 digits hold any 32-bit value (62^6 > 2^32); leading zeros keep the length fixed.
        for (var i = ChecksumLength - 1; i >= 0; i--)
        {
            destination[i] = Alphabet[(int)(crc % 62)];
            crc /= 62;
        }
    }

    private static uint Crc32(ReadOnlySpan<char> ascii)
    {
        // The body is ASCII (checked by the caller, or generated), so one byte per character.
        Span<byte> bytes = stackalloc byte[ascii.Length];
        Encoding.ASCII.GetBytes(ascii, bytes);
        return System.IO.Hashing.Crc32.HashToUInt32(bytes);
    }
}
