using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Network.Data.Users;

/// <summary>
/// PBKDF2 password hashes in the layout ASP.NET Core Identity calls version 3, so a users.db written by earlier releases
/// (which used Identity's hasher) verifies unchanged: base64 of a 0x01 marker, the pseudo-random function (1 = SHA-256,
/// 2 = SHA-512), the iteration count and the salt length as big-endian 32-bit numbers, the salt, then the derived key.
/// New hashes use SHA-512, 100,000 iterations, a 16-byte salt and a 32-byte key.
/// </summary>
public static class PasswordHashes
{
    private const byte Version3 = 0x01;
    private const int Iterations = 100_000, SaltLength = 16, KeyLength = 32, MaxIterations = 10_000_000;

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltLength);
        var key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA512, KeyLength);
        var output = new byte[13 + SaltLength + KeyLength];
        output[0] = Version3;
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(1), 2);
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(5), Iterations);
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(9), SaltLength);
        salt.CopyTo(output, 13);
        key.CopyTo(output, 13 + SaltLength);
        return Convert.ToBase64String(output);
    }

    /// <summary>True when <paramref name="password"/> derives the stored key; false for a wrong password or a hash of another layout.</summary>
    public static bool Verify(string stored, string password)
    {
        Span<byte> bytes = stackalloc byte[256];
        if (!Convert.TryFromBase64String(stored, bytes, out var length) || length < 13 || bytes[0] != Version3)
            return false;
        bytes = bytes[..length];
        var algorithm = BinaryPrimitives.ReadUInt32BigEndian(bytes[1..]) switch
        {
            0 => HashAlgorithmName.SHA1,
            1 => HashAlgorithmName.SHA256,
            2 => HashAlgorithmName.SHA512,
            _ => default,
        };
        var iterations = BinaryPrimitives.ReadUInt32BigEndian(bytes[5..]);
        var saltLength = BinaryPrimitives.ReadUInt32BigEndian(bytes[9..]);
        if (algorithm == default || iterations is 0 or > MaxIterations || saltLength < 8 || 13 + saltLength >= length)
            return false;
        var salt = bytes.Slice(13, (int)saltLength);
        var expected = bytes[(13 + (int)saltLength)..];
        Span<byte> actual = stackalloc byte[expected.Length];
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, actual, (int)iterations, algorithm);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
