namespace Graft.Governance;

/// <summary>What a key may do. Persisted: the numbers never change.</summary>
public enum Role
{
    /// <summary>Everything, including keys.</summary>
    Admin = 1,

    /// <summary>Use cases, data, audit, training and promotion.</summary>
    Maintainer = 2,

    /// <summary>The review queue.</summary>
    Reviewer = 3,

    /// <summary>Read only.</summary>
    Viewer = 4,

    /// <summary>Predict and report outcomes, for its use case only.</summary>
    App = 5,
}
