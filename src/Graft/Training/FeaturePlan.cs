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
    /// <summary>The fields the spec itself keeps from being inputs, each with its role (target, entity key, timestamp, excluded).</summary>
    public static IReadOnlyDictionary<string, string> Roles(UseCaseSpec spec)
    {
        var roles = new Dictionary<string, string>(StringComparer.Ordinal) { [spec.TargetColumn] = "the target" };
        if (spec.Entity is { } entity)
        {
            roles.TryAdd(entity, "the entity key");
        }
        foreach (var field in spec.Timestamp?.NotInputs ?? [])
        {
            roles.TryAdd(field, "part of the timestamp");
        }
        foreach (var field in spec.Exclude)
        {
            roles.TryAdd(field, "excluded by the spec");
        }
        return roles;
    }

    public static FeaturePlan Create(UseCaseSpec spec, IReadOnlyList<FieldSchema> schema, IReadOnlyDictionary<string, string> notTrainable)
    {
        var roles = Roles(spec);

        var inputs = new List<ModelInput>();
        var leftOut = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in schema)
        {
            var type = spec.Policy(field.Name)?.Type ?? field.Type;
            var reason = roles.GetValueOrDefault(field.Name)
                ?? (spec.Policy(field.Name)?.Train == false ? "not to be trained on, per the spec" : null)
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
