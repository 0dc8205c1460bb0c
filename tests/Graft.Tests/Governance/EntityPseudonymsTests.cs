using System.Security.Cryptography;
using System.Text;
using Graft.Governance;

namespace Graft.Tests.Governance;

public class EntityPseudonymsTests
{
    private const string Secret = "a-test-secret-of-more-than-thirty-two-characters";
    private const string Older = "the-older-secret-that-came-before-the-rotation";

    [Fact]
    public void A_pseudonym_is_hmac_sha256_of_the_id_under_the_secret_named_by_the_key_id()
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes("jane@example.com")))[..32];
        var keyId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Secret)))[..8];

        Assert.Equal($"hmac:{keyId}:{expected}", EntityPseudonyms.FromSecrets([Secret]).Of("jane@example.com"));
    }

    [Fact]
    public void After_a_rotation_new_ids_use_the_new_key_and_a_join_still_finds_the_old_pseudonym()
    {
        var before = EntityPseudonyms.FromSecrets([Older]).Of("C-1");
        var rotated = EntityPseudonyms.FromSecrets([Secret, Older]);

        Assert.NotEqual(before, rotated.Of("C-1"));
        Assert.Equal([rotated.Of("C-1"), before], rotated.Candidates("C-1"));
    }

    [Fact]
    public void A_store_makes_its_secret_once_in_a_file_only_its_owner_reads_and_keeps_it()
    {
        var root = Path.Combine(Path.GetTempPath(), "graft-keys-" + Guid.NewGuid().ToString("N")[..8]);
        var other = root + "-other";
        Directory.CreateDirectory(root);
        Directory.CreateDirectory(other);
        try
        {
            var first = EntityPseudonyms.Open(root).Of("C-1");
            var again = EntityPseudonyms.Open(root).Of("C-1");

            Assert.Equal(first, again);
            Assert.NotEqual(first, EntityPseudonyms.Open(other).Of("C-1")); // each store its own
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(root, EntityPseudonyms.FileName)));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
            Directory.Delete(other, recursive: true);
        }
    }

    [Fact]
    public void A_short_secret_is_refused() =>
        Assert.Contains("at least 32", Assert.Throws<GraftException>(() => EntityPseudonyms.FromSecrets(["short"])).Message);

    [Theory]
    [InlineData("jane.doe@example.com", true)]
    [InlineData("+44 20 7946 0958", true)]
    [InlineData("C-000123", false)]
    [InlineData("7590-VHVEG", false)] // a Telco customer id
    public void An_id_that_is_personal_data_is_recognised(string id, bool personal) =>
        Assert.Equal(personal, EntityPseudonyms.LooksPersonal(id));
}
