namespace Graft.Audit;

/// <summary>How much an audit finding matters. Persisted in stored reports: the numbers never change.</summary>
public enum Severity
{
    /// <summary>Worth knowing; nothing to do.</summary>
    Info = 1,

    /// <summary>Worth a look before training; does not hold the data-audit gate.</summary>
    Warning = 2,

    /// <summary>Holds the data-audit gate until fixed or acknowledged by a named person.</summary>
    Blocking = 3,
}
