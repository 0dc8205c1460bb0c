namespace Graft.Audit;

/// <summary>
/// <c>duplicate_rows</c>: rows equal to an earlier row in every column. Copies weigh their pattern more than once
/// in training and can sit on both sides of a train/test split, flattering the held-out score.
/// </summary>
internal static class DuplicateRowCheck
{
    public static AuditFinding? Run(IReadOnlyList<FieldColumn> columns, int rows)
    {
        if (columns.Count == 0 || rows == 0)
        {
            return null;
        }
        var unique = new HashSet<int>(new SameRow(columns, rows));
        for (var row = 0; row < rows; row++)
        {
            unique.Add(row);
        }
        var duplicates = rows - unique.Count;
        if (duplicates == 0)
        {
            return null;
        }
        var share = (double)duplicates / rows;
        var message = $"{Wording.Count(duplicates)} of {Wording.Rows(rows)} ({Wording.Percent(share)}) repeat an earlier row exactly, " +
            "in every column; copies count twice in training and can land on both sides of the test split";
        return new AuditFinding(FindingCodes.DuplicateRows, Severity.Warning, null, message, new Dictionary<string, double>
        {
            ["duplicates"] = duplicates,
            ["rows"] = rows,
            ["share"] = share,
        });
    }

    /// <summary>Compares rows by their value codes, column by column; the hash of each row is computed once.</summary>
    private sealed class SameRow : IEqualityComparer<int>
    {
        private readonly IReadOnlyList<FieldColumn> _columns;
        private readonly int[] _hashes;

        public SameRow(IReadOnlyList<FieldColumn> columns, int rows)
        {
            _columns = columns;
            _hashes = new int[rows];
            for (var row = 0; row < rows; row++)
            {
                var hash = new HashCode();
                foreach (var column in columns)
                {
                    hash.Add(column.Codes[row]);
                }
                _hashes[row] = hash.ToHashCode();
            }
        }

        public bool Equals(int x, int y)
        {
            if (_hashes[x] != _hashes[y])
            {
                return false;
            }
            foreach (var column in _columns)
            {
                if (column.Codes[x] != column.Codes[y])
                {
                    return false;
                }
            }
            return true;
        }

        public int GetHashCode(int obj) => _hashes[obj];
    }
}
