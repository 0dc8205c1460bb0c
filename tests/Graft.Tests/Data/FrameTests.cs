using Graft.Data;

namespace Graft.Tests.Data;

public class FrameTests
{
    [Fact]
    public void Rows_are_taken_in_the_order_asked_with_every_column_and_missing_values_kept()
    {
        var frame = new Frame(["id", "plan"], [["a", "b", "c", "d"], ["pro", null, "basic", "pro"]]);

        var rows = frame.Rows([3, 1, 1]);

        Assert.Equal(["id", "plan"], rows.Names);
        Assert.Equal(3, rows.RowCount);
        Assert.Equal(new string?[] { "d", "b", "b" }, rows.Column("id"));
        Assert.Equal(new string?[] { "pro", null, null }, rows.Column("plan"));
    }
}
