using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Workflow.Functions.Agreements;

/// <summary>Each event's hash covers the previous hash, so changing or removing any stored event breaks the chain.</summary>
public static class EventChain
{
    public static readonly string Genesis = new('0', 64);

    public static string Hash(string previousHash, int seq, string type, DateTimeOffset at, string actorEmail, string data)
    {
        var text = string.Join('\n', previousHash, seq.ToString(CultureInfo.InvariantCulture), type,
            at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), actorEmail, data);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
