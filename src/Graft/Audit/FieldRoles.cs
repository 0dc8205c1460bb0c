namespace Graft.Audit;

/// <summary>The part a field plays in a use case, as the spec assigns it. Stored in reports as these words.</summary>
public static class FieldRoles
{
    public const string Target = "target";
    public const string Entity = "entity";
    public const string Timestamp = "timestamp";
    public const string Input = "input";
    public const string Excluded = "excluded";
}
