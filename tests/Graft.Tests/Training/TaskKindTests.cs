using Graft.Training;

namespace Graft.Tests.Training;

public class TaskKindTests
{
    // Task kinds are persisted with models and evaluations; renumbering would misread stored rows.
    [Fact]
    public void Task_kind_values_are_frozen()
    {
        Assert.Equal(1, (int)TaskKind.Binary);
        Assert.Equal(2, (int)TaskKind.Multiclass);
        Assert.Equal(3, (int)TaskKind.Regression);
        Assert.Equal(3, Enum.GetValues<TaskKind>().Length);
    }
}
