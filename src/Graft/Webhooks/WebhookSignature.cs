using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Graft.Webhooks;

/// <summary>
/// The <c>Graft-Signature</c> header, as Stripe signs its webhooks: <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, where the hex is
/// the lowercase HMAC-SHA256, keyed with the whole secret (<c>whsec_…</c>) as UTF-8, of <c>"{t}.{body}"</c>. The time is
/// signed with the body, so a receiver that refuses an old <c>t</c> refuses a replayed delivery (docs/webhooks.md).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Graft-Signature";

    /// <summary>How far from its own clock a receiver should accept <c>t</c>, unless it has a reason to choose otherwise.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    public static string Compute(string secret, long timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body)));

    public static string HeaderValue(string secret, DateTimeOffset at, string body)
    {
        var t = at.ToUnixTimeSeconds();
        return $"t={t.ToString(CultureInfo.InvariantCulture)},v1={Compute(secret, t, body)}";
    }

    /// <summary>
    /// Whether <paramref name="header"/> signs <paramref name="body"/> with <paramref name="secret"/> at a time within
    /// <paramref name="tolerance"/> of <paramref name="now"/>. Any <c>v1</c> may match (a header may carry several); the
    /// comparison takes the same time whatever the bytes.
    /// </summary>
    public static bool Verify(string? header, string secret, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        long? t = null;
        var signatures = new List<string>();
        foreach (var part in (header ?? "").Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal) && long.TryParse(part[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                t = seconds;
            }
            else if (part.StartsWith("v1=", StringComparison.Ordinal))
            {
                signatures.Add(part[3..]);
            }
        }
        if (t is not { } timestamp || Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds)
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp, body));
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(s)));
    }
}
