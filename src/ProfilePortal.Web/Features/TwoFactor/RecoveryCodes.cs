using System.Security.Cryptography;
using System.Text;

namespace ProfilePortal.Web.Features.TwoFactor;

/// <summary>
/// Recovery codes: sixteen random characters of Crockford's base32 (80 bits, written as four groups of four), stored
/// only as SHA-256 of the normalized code. A plain hash is enough because the codes are random and long: there is no
/// dictionary to try, and 2^80 guesses per code are out of reach (a password would need a slow, salted hash).
/// </summary>
public static class RecoveryCodes
{
    public const int Count = 10;

    // Crockford's alphabet: no I, L, O or U, so a code read aloud or typed from paper is not misread.
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    private const int Length = 16;

    public static string Create()
    {
        var chars = new char[Length];
        for (var i = 0; i < Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        var code = new string(chars);
        return $"{code[..4]}-{code[4..8]}-{code[8..12]}-{code[12..]}";
    }

    /// <summary>What the person typed as the code compares: lower case, without spaces and dashes, misreadings mapped.</summary>
    public static string Normalize(string code)
    {
        var builder = new StringBuilder(code.Length);
        foreach (var c in code.Trim().ToLowerInvariant())
        {
            switch (c)
            {
                case ' ' or '-':
                    break;
                case 'o':
                    builder.Append('0');
                    break;
                case 'i' or 'l':
                    builder.Append('1');
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>The stored form: lower-case hex SHA-256 of the normalized code.</summary>
    public static string Hash(string code)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(code))));
}
