using System.Text;
using Graft.Rollout;

namespace Graft.Tests.Rollout;

/// <summary>
/// Sticky cohorts follow Unleash's published scheme, so the vectors are MurmurHash3's reference values and Unleash's
/// own normalisation tests; the shares and the stickiness are counted over 100,000 entities.
/// </summary>
public class CohortTests
{
    [Theory]
    [InlineData("", 0u, 0x00000000u)]
    [InlineData("", 1u, 0x514E28B7u)]
    [InlineData("hello", 0u, 0x248BFA47u)]
    [InlineData("hello", 1u, 0xBB4ABCADu)]
    [InlineData("hello, world", 0u, 0x149BBB7Fu)]
    [InlineData("The quick brown fox jumps over the lazy dog.", 0u, 0xD5C48BFCu)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0u, 0x2E4FF723u)]
    public void Murmur3_x86_32_gives_the_reference_values(string text, uint seed, uint expected) =>
        Assert.Equal(expected, Murmur3.Hash32(Encoding.UTF8.GetBytes(text), seed));

    [Theory]
    [InlineData("gr1", "123", 73)] // Unleash's normalizedValue test vectors (client specification, util tests)
    [InlineData("groupX", "999", 25)]
    public void An_entity_bucket_is_unleash_normalized_value(string group, string id, int expected) =>
        Assert.Equal(expected, Cohorts.Bucket(group, id));

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(25)]
    [InlineData(50)]
    [InlineData(99)]
    public void A_cohort_holds_its_percentage_of_entities_within_a_point_and_a_half(int percent)
    {
        const int entities = 100_000;
        var inside = Enumerable.Range(0, entities).Count(i => Cohorts.Contains(percent, "churn-risk", $"C-{i}"));

        Assert.InRange(100.0 * inside / entities, percent - 1.5, percent + 1.5);
    }

    [Fact]
    public void Raising_the_cohort_moves_no_entity_out_and_lowering_it_moves_none_in()
    {
        var ids = Enumerable.Range(0, 100_000).Select(i => $"customer-{i * 7919}").ToList();
        var steps = new[] { 10, 25, 50, 100 };
        for (var s = 1; s < steps.Length; s++)
        {
            var before = ids.Where(id => Cohorts.Contains(steps[s - 1], "toy", id)).ToHashSet();
            var after = ids.Where(id => Cohorts.Contains(steps[s], "toy", id)).ToHashSet();

            Assert.Subset(after, before);
            Assert.True(after.Count > before.Count);
        }
        Assert.All(ids, id => Assert.True(Cohorts.Contains(100, "toy", id)));
        Assert.DoesNotContain(ids, id => Cohorts.Contains(0, "toy", id));
    }

    [Fact]
    public void The_canary_share_is_drawn_independently_of_the_stage_cohort()
    {
        var ids = Enumerable.Range(0, 100_000).Select(i => $"e{i}").ToList();
        var both = ids.Count(id => Cohorts.Contains(50, "toy", id) && Cohorts.Contains(50, Cohorts.CanaryGroup("toy"), id));

        Assert.InRange(100.0 * both / ids.Count, 23.5, 26.5); // half of half, not half: the two hashes are unrelated
    }

    [Fact]
    public void Long_and_non_ascii_entity_ids_are_hashed_over_their_utf8_bytes()
    {
        var id = new string('é', 300);
        var bytes = Encoding.UTF8.GetBytes($"toy:{id}");

        Assert.Equal((int)(Murmur3.Hash32(bytes) % 100) + 1, Cohorts.Bucket("toy", id));
    }
}
