using System.Security.Cryptography;

namespace Graft.Webhooks;

/// <summary>Ids of webhooks, events and deliveries, and webhook secrets: random, base64url, with a prefix that says what each is.</summary>
internal static class WebhookIds
{
    public static string Webhook() => "wh_" + Random(9);

    public static string Event() => "evt_" + Random(12);

    public static string Delivery() => "whd_" + Random(12);

    /// <summary>A signing secret, shown once: 32 random bytes.</summary>
    public static string Secret() => "whsec_" + Random(32);

    private static string Random(int bytes) => Base64Url(RandomNumberGenerator.GetBytes(bytes));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
