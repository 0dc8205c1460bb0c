using Graft.Data;
using Graft.UseCases;

namespace Graft.Training;

/// <summary>
/// Which fields a use case's models learn from, and how. A field is left out when the spec or the resolved
/// data-use policy says it may not be trained on, when it is the target, entity or timestamp, or when it is a
/// date (a model that learns the calendar does not carry over to the future). Each leaving-out has a reason.
/// </summary>
public sealed record FeaturePlan(IReadOnlyList<ModelInput> Inputs, IReadOnlyDictionary<string, string> LeftOut)
{
    /// <summary>
    /// The fields the spec alone keeps out of a model, each with why: its target, entity key, timestamp parts and
    /// exclusions (see <see cref="Audit.FieldRoles"/>), and fields it says not to train on.
    /// </summary>
    public static IReadOnlyDictionary<string, string> LeftOutBySpec(UseCaseSpec spec)
    {
        var leftOut = new Dictionary<string, string>(StringComparer.Ordinal);
        IEnumerable<string> named = [spec.TargetColumn, .. spec.Entity is { } entity ? [entity] : Array.Empty<string>(), .. spec.Timestamp?.NotInputs ?? [],
            .. spec.Exclude, .. spec.Fields.Select(f => f.Name)];
        foreach (var name in named)
        {
            var reason = Audit.FieldRoles.Of(name, spec) switch
            {
                Audit.FieldRoles.Target => "the target",
                Audit.FieldRoles.Entity => "the entity key",
                Audit.FieldRoles.Timestamp => "part of the timestamp",
                Audit.FieldRoles.Excluded => "excluded by the spec",
                _ => spec.Policy(name)?.Train == false ? "not to be trained on, per the spec" : null,
            };
            if (reason is not null)
            {
                leftOut.TryAdd(name, reason);
            }
        }
        return leftOut;
    }

    public static FeaturePlan Create(UseCaseSpec spec, IReadOnlyList<FieldSchema> schema, IReadOnlyDictionary<string, string> notTrainable)
    {
        var bySpec = LeftOutBySpec(spec);

        var inputs = new List<ModelInput>();
        var leftOut = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in schema)
        {
            var type = spec.Policy(field.Name)?.Type ?? field.Type;
            var reason = bySpec.GetValueOrDefault(field.Name)
                ?? (spec.Policy(field.Name)?.Train == true ? null : notTrainable.GetValueOrDefault(field.Name))
                ?? (type == FieldType.Date ? "a date; dates are not model inputs" : null)
                ?? (field.Present == 0 ? "it has no values" : null);
            if (reason is null)
            {
                inputs.Add(new ModelInput(field.Name, type, ModelInput.KindOf(type)));
            }
            else
            {
                leftOut[field.Name] = reason;
            }
        }
        if (inputs.Count == 0)
        {
            throw GraftException.Invalid("no field is left to train on; check exclude, fields and the audit's data-use policy");
        }
        return new FeaturePlan(inputs, leftOut);
    }
}
