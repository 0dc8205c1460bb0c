namespace Graft.Audit;

/// <summary>The kinds of personal data the audit recognises in values.</summary>
[Flags]
internal enum SensitiveKind
{
    None = 0,
    Email = 1,
    Phone = 2,
    PaymentCard = 4,
    NationalId = 8,
    PersonName = 16,
}
