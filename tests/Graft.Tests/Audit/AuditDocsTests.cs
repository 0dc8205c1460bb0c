using Graft.Audit;

namespace Graft.Tests.Audit;

public class AuditDocsTests
{
    [Fact]
    public void Every_finding_code_is_explained_in_docs_audit_md()
    {
        var docs = File.ReadAllText(Path.Combine(TestData.RepoRoot(), "docs", "audit.md"));

        Assert.All(FindingCodes.All, code => Assert.Contains($"`{code}`", docs));
    }

    [Fact]
    public void Finding_codes_are_distinct_snake_case_words()
    {
        Assert.Equal(FindingCodes.All.Count, FindingCodes.All.Distinct().Count());
        Assert.All(FindingCodes.All, code => Assert.Matches("^[a-z]+(_[a-z]+)*$", code));
    }
}
