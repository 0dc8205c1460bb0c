namespace Graft.Training.Rules;

/// <summary>
/// A rule: the decision an app makes today, written as an expression over a row's fields, such as
/// <c>tenure &lt; 12 and contract == 'Month-to-month'</c>. Graft scores it like a model and falls back to it.
/// The language is described in docs/rules.md.
/// </summary>
public sealed class RuleExpression
{
    private readonly IReadOnlyList<FieldNode> _firstUses;
    private BoundRule? _byName;

    private RuleExpression(string text, RuleNode root)
    {
        Text = text;
        Root = root;
        _firstUses = [.. RuleFieldUses.InOrder(root).DistinctBy(f => f.Name, StringComparer.Ordinal)];
        Fields = [.. _firstUses.Select(f => f.Name)];
    }

    /// <summary>Parses a rule; throws <see cref="RuleSyntaxException"/> naming the problem and its column.</summary>
    public static RuleExpression Parse(string text) => new(text, RuleParser.Parse(text));

    public string Text { get; }

    /// <summary>The distinct field names the rule reads, in order of first use.</summary>
    public IReadOnlyList<string> Fields { get; }

    internal RuleNode Root { get; }

    /// <summary>
    /// Evaluates the rule once, asking <paramref name="field"/> for each referenced field's value (once each,
    /// up front). For many rows, <see cref="Compile"/> once and evaluate the <see cref="BoundRule"/>.
    /// </summary>
    public object? Evaluate(Func<string, object?> field)
    {
        var bound = _byName ??= Compile(Fields);
        var row = new object?[Fields.Count];
        for (var i = 0; i < row.Length; i++)
            row[i] = field(Fields[i]);
        return bound.Evaluate(row);
    }

    /// <summary>Checks every referenced field exists; names are case-sensitive, and a near miss is suggested.</summary>
    public void Bind(IReadOnlyCollection<string> knownFields)
    {
        var known = new HashSet<string>(knownFields, StringComparer.Ordinal);
        foreach (var use in _firstUses)
        {
            if (!known.Contains(use.Name))
                throw UnknownField(use, knownFields);
        }
    }

    /// <summary>Compiles the rule for rows whose values come in <paramref name="fieldOrder"/>.</summary>
    public BoundRule Compile(IReadOnlyList<string> fieldOrder)
    {
        Bind(fieldOrder);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fieldOrder.Count; i++)
            index.TryAdd(fieldOrder[i], i);
        return new BoundRule(this, RuleCompiler.Compile(Root, index), fieldOrder.Count);
    }

    public override string ToString() => Text;

    private static RuleSyntaxException UnknownField(FieldNode use, IEnumerable<string> knownFields)
    {
        var suggestion = ClosestName.Find(use.Name, knownFields);
        var hint = suggestion is null
            ? "the data has no field with that name (names are case-sensitive)"
            : $"did you mean {RuleKeywords.QuoteFieldName(suggestion)}?";
        return RuleSyntaxException.At(use.Position, $"unknown field '{use.Name}'", hint);
    }
}
