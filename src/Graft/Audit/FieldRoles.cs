using Graft.UseCases;

namespace Graft.Audit;

/// <summary>The part a field plays in a use case, as the spec assigns it. Stored in reports as these words.</summary>
public static class FieldRoles
{
    public const string Target = "target";
    public const string Entity = "entity";
    public const string Timestamp = "timestamp";
    public const string Input = "input";
    public const string Excluded = "excluded";

    /// <summary>The role the spec gives a field: its target, entity key, a timestamp part, excluded, or else an input.</summary>
    public static string Of(string name, UseCaseSpec spec) =>
        name == spec.TargetColumn ? Target
        : name == spec.Entity ? Entity
        : spec.Timestamp?.NotInputs.Contains(name) == true ? Timestamp
        : spec.Exclude.Contains(name) ? Excluded
        : Input;
}
