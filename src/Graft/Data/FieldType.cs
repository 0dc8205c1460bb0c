namespace Graft.Data;

/// <summary>What kind of values a field holds. Persisted: the numbers never change.</summary>
public enum FieldType
{
    Number = 1,
    Category = 2,
    Text = 3,
    Boolean = 4,
    Date = 5,
}
