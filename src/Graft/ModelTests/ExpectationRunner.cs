using System.Globalization;
using Graft.Data;
using Graft.UseCases;

namespace Graft.ModelTests;

/// <summary>
/// Runs the spec's behavioural expectations against a candidate by scoring changed copies of the test rows through
/// the candidate's own scorer (the one serving uses), so before and after come from the same arithmetic. Each reports
/// the share of checked rows that broke it and the rows that broke it worst; values of fields the spec masks are not shown.
/// </summary>
public sealed class ExpectationRunner
{
    public const int WorstShown = 3;

    /// <summary>
    /// Rows a directional or invariance expectation rescores at most, evenly spread over the test rows: each is scored
    /// once per changed copy, which for trees costs more than all the other tests together on 40,000 rows, and a
    /// violation rate over 10,000 rows has a standard error of at most half a percentage point.
    /// </summary>
    public const int MaxRows = 10_000;

    private readonly TestRows _all;
    private readonly Frame _frame;
    private readonly int[] _rows;
    private readonly TestedCandidate _candidate;
    private readonly IReadOnlySet<string> _masked;

    public ExpectationRunner(TestRows rows, TestedCandidate candidate, IReadOnlySet<string> masked)
    {
        (_all, _candidate, _masked) = (rows, candidate, masked);
        _rows = rows.Count <= MaxRows ? [.. Enumerable.Range(0, rows.Count)] : [.. Enumerable.Range(0, MaxRows).Select(i => (int)((long)i * rows.Count / MaxRows))];
        _frame = rows.Count <= MaxRows ? rows.Frame : rows.Frame.Rows(_rows);
    }

    /// <summary>Score changes smaller than this are a float's rounding, not a model's opinion.</summary>
    private const double Noise = 1e-6;

    public const string Mask = "•••";

    public List<ExpectationResult> Run(IReadOnlyList<Expectation> expectations)
    {
        if (_candidate.Rescore is null || expectations.Count == 0)
        {
            return [];
        }
        var original = expectations.Any(e => e is not ExampleExpectation) ? Scores(_frame) : [];
        return [.. expectations.Select(e => e switch
        {
            DirectionalExpectation d => Directional(d, original),
            InvarianceExpectation v => Invariance(v),
            ExampleExpectation x => Example(x),
            _ => throw new InvalidOperationException($"an expectation of kind {e.GetType().Name} has no runner"),
        })];
    }

    private ExpectationResult Directional(DirectionalExpectation e, double[] before)
    {
        var column = _frame.Column(e.Field);
        var numbers = column.Select(Values.Number).ToArray();
        var present = numbers.Where(double.IsFinite).ToArray();
        var step = e.Step ?? DefaultStep(present);
        var changed = numbers.Select((x, i) => double.IsFinite(x) ? (x + step).ToString("R", CultureInfo.InvariantCulture) : column[i]).ToArray();
        var after = Scores(With(e.Field, changed));
        var moves = new List<(int Row, double Wrong)>();
        var checkedRows = 0;
        for (var i = 0; i < numbers.Length; i++)
        {
            if (!double.IsFinite(numbers[i]))
            {
                continue;
            }
            checkedRows++;
            var move = after[i] - before[i];
            var wrong = e.Increasing ? -move : move;
            if (wrong > Noise)
            {
                moves.Add((i, wrong));
            }
        }
        var rate = checkedRows == 0 ? 0 : (double)moves.Count / checkedRows;
        var worst = moves.OrderByDescending(m => m.Wrong).Take(WorstShown)
            .Select(m => new ExpectationExample(_rows[m.Row], Show(e.Field, column[m.Row]), Show(e.Field, changed[m.Row]), before[m.Row], after[m.Row])).ToList();
        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"raising {e.Field} by {step:G4} moved the score {(e.Increasing ? "down" : "up")} on {moves.Count:N0} of {checkedRows:N0} rows ({rate:P1}); {e.MaxViolationRate:P1} allowed");
        return Verdict(e, "directional", rate, checkedRows, evidence, worst);
    }

    /// <summary>
    /// One for a field of whole numbers (a count moves by one); else a tenth of the field's standard deviation on the
    /// test rows: small enough to stay in the data's range, large enough to cross a tree's split now and then.
    /// </summary>
    private static double DefaultStep(double[] present)
    {
        if (present.Length < 2 || present.All(x => x == Math.Floor(x)))
        {
            return 1;
        }
        var mean = present.Average();
        var sd = Math.Sqrt(present.Sum(x => (x - mean) * (x - mean)) / present.Length);
        return sd > 0 ? sd / 10 : 1;
    }

    private ExpectationResult Invariance(InvarianceExpectation e)
    {
        var scored = e.Values.Select(v => Scores(With(e.Field, Enumerable.Repeat<string?>(v, _rows.Length).ToArray()))).ToList();
        var spread = new List<(int Row, double Range, int Low, int High)>();
        for (var i = 0; i < _rows.Length; i++)
        {
            int low = 0, high = 0;
            for (var v = 1; v < scored.Count; v++)
            {
                low = scored[v][i] < scored[low][i] ? v : low;
                high = scored[v][i] > scored[high][i] ? v : high;
            }
            var range = scored[high][i] - scored[low][i];
            if (range > e.Tolerance + Noise)
            {
                spread.Add((i, range, low, high));
            }
        }
        var rate = _rows.Length == 0 ? 0 : (double)spread.Count / _rows.Length;
        var worst = spread.OrderByDescending(s => s.Range).Take(WorstShown)
            .Select(s => new ExpectationExample(_rows[s.Row], Show(e.Field, e.Values[s.Low]), Show(e.Field, e.Values[s.High]), scored[s.Low][s.Row], scored[s.High][s.Row])).ToList();
        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"setting {e.Field} to each of {string.Join(", ", e.Values.Select(v => Show(e.Field, v)))} moved the score by more than {e.Tolerance:G4} on {spread.Count:N0} of {_rows.Length:N0} rows ({rate:P1}); {e.MaxViolationRate:P1} allowed");
        return Verdict(e, "invariance", rate, _rows.Length, evidence, worst);
    }

    private ExpectationResult Example(ExampleExpectation e)
    {
        var names = _all.Frame.Names.Union(e.Row.Keys, StringComparer.Ordinal).ToList();
        var frame = new Frame(names, [.. names.Select(n => new[] { e.Row.GetValueOrDefault(n) })]);
        var scores = _candidate.Rescore!(frame);
        var (label, score) = Answer(scores);
        var labelOk = e.Label is null || e.Label == label;
        var scoreOk = e.Low is null || score is { } s && s >= e.Low && s <= e.High;
        var said = string.Join(" and ", new[]
        {
            e.Label is null ? null : $"label {label ?? "none"} (expected {e.Label})",
            e.Low is null ? null : string.Create(CultureInfo.InvariantCulture, $"score {score:0.####} (expected {e.Low:G4} to {e.High:G4})"),
        }.OfType<string>());
        var passed = labelOk && scoreOk;
        return new ExpectationResult(e.Name, "example", passed, passed ? 0 : 1, 1, 0, $"the example got {said}", []);
    }

    /// <summary>The label and score of one scored row: a binary score against the threshold, a class's probability, a regression's value.</summary>
    private (string? Label, double? Score) Answer(double[] scores)
    {
        switch (_all.Task)
        {
            case TaskKind.Binary:
                return (scores[0] >= _candidate.Threshold ? _all.Classes[1] : _all.Classes[0], scores[0]);
            case TaskKind.Multiclass:
                var best = 0;
                for (var c = 1; c < scores.Length; c++)
                {
                    best = scores[c] > scores[best] ? c : best;
                }
                return (_all.Classes[best], scores[best]);
            default:
                return (null, scores[0]);
        }
    }

    private static ExpectationResult Verdict(Expectation e, string kind, double rate, int checkedRows, string evidence, List<ExpectationExample> worst) =>
        new(e.Name, kind, rate <= e.MaxViolationRate, rate, checkedRows, e.MaxViolationRate, evidence, worst);

    private double[] Scores(Frame frame) => _candidate.Rescore!(frame);

    private Frame With(string field, string?[] column)
    {
        var frame = _frame;
        var index = frame.TryIndexOf(field, out var i) ? i : throw new KeyNotFoundException($"no column named '{field}'");
        return new Frame(frame.Names, [.. Enumerable.Range(0, frame.ColumnCount).Select(c => c == index ? column : frame.Column(c))]);
    }

    private string? Show(string field, string? value) => value is null ? null : _masked.Contains(field) ? Mask : value;
}
