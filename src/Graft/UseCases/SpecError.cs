namespace Graft.UseCases;

/// <summary>One problem in a spec file, at a line and key, in words a person can act on.</summary>
public sealed record SpecError(int Line, int Column, string Key, string Message)
{
    public override string ToString() => Line > 0 ? $"line {Line}, {Key}: {Message}" : $"{Key}: {Message}";
}

/// <summary>A spec that cannot be used; carries every problem found, not just the first.</summary>
public sealed class SpecException(string source, IReadOnlyList<SpecError> errors)
    : Exception($"{source}: {errors[0]}" + (errors.Count > 1 ? $" (and {errors.Count - 1} more problem{(errors.Count > 2 ? "s" : "")})" : ""))
{
    public string File { get; } = source;

    public IReadOnlyList<SpecError> Errors { get; } = errors;
}
