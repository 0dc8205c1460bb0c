namespace Graft.UseCases;

/// <summary>One applied version of a use case's spec file, kept whole so any model can be traced to it.</summary>
public sealed class SpecRevision
{
    private SpecRevision() { }

    public SpecRevision(string useCaseId, int revision, string yaml, string sha256, DateTime createdAt)
    {
        UseCaseId = useCaseId;
        Revision = revision;
        Yaml = yaml;
        Sha256 = sha256;
        CreatedAt = createdAt;
    }

    public string UseCaseId { get; private set; } = "";
    public int Revision { get; private set; }
    public string Yaml { get; private set; } = "";
    public string Sha256 { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    public UseCaseSpec Spec() => SpecReader.Parse(Yaml, $"{UseCaseId} revision {Revision}");
}
