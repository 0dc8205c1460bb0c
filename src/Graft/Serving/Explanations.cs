using Graft.Registry;
using Microsoft.ML.Data;

namespace Graft.Serving;

/// <summary>Turns a model's per-slot feature contributions into the top fields, by summing the slots each field owns.</summary>
internal static class Explanations
{
    private const int Top = 5;

    public static List<Contribution> FromSlots(ModelCard card, VBuffer<float> contributions)
    {
        var byField = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (slot, value) in contributions.Items())
        {
            if (value != 0 && FieldOf(card, slot) is { } field)
            {
                byField[field] = byField.GetValueOrDefault(field) + value;
            }
        }
        return [.. byField.OrderByDescending(p => Math.Abs(p.Value)).Take(Top).Select(p => new Contribution(p.Key, Math.Round(p.Value, 6)))];
    }

    private static string? FieldOf(ModelCard card, int slot)
    {
        foreach (var range in card.Features)
        {
            if (slot >= range.Start && slot < range.Start + range.Length)
            {
                return range.Field;
            }
        }
        return null;
    }
}
