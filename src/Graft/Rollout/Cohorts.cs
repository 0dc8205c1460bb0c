using System.Text;

namespace Graft.Rollout;

/// <summary>
/// Sticky cohorts, as Unleash's gradual rollout places users: an entity's bucket is
/// <c>murmur3_x86_32("&lt;group&gt;:&lt;entity id&gt;", seed 0) % 100 + 1</c>, from 1 to 100, over the id's UTF-8
/// bytes, and it is in a cohort of p percent when its bucket is at most p. The same entity lands in the same bucket in
/// every process and after every restart, and raising p never moves an entity out. The group is the use case for
/// stage cohorts and <see cref="CanaryGroup"/> for a challenger's share (shadow or canary), so the two shares are drawn
/// independently, and the entities a shadow challenger was compared on are those a canary of the same share answers.
/// </summary>
public static class Cohorts
{
    public static int Bucket(string group, string entityId)
    {
        var text = $"{group}:{entityId}";
        Span<byte> small = stackalloc byte[256];
        var length = Encoding.UTF8.GetByteCount(text);
        var bytes = length <= small.Length ? small[..length] : new byte[length];
        Encoding.UTF8.GetBytes(text, bytes);
        return (int)(Murmur3.Hash32(bytes) % 100) + 1;
    }

    public static bool Contains(int percent, string group, string entityId) => Bucket(group, entityId) <= percent;

    /// <summary>The group a use case's challenger share, shadow or canary, is drawn from.</summary>
    public static string CanaryGroup(string useCaseId) => useCaseId + ".canary";
}
