using Graft.Data;
using Graft.Training;

namespace Graft.Server.Serving.OpenInference;

/// <summary>The protocol's tensor datatypes, as Graft's fields take them.</summary>
internal static class OipDatatypes
{
    /// <summary>The datatype the model metadata lists for a field: BOOL for booleans, FP64 for numbers, BYTES for the rest.</summary>
    public static string Of(ModelInput input) => input.Kind switch
    {
        InputKind.Numeric when input.Type == FieldType.Boolean => "BOOL",
        InputKind.Numeric => "FP64",
        _ => "BYTES",
    };
}
