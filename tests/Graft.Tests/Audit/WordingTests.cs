using Graft.Audit;

namespace Graft.Tests.Audit;

public class WordingTests
{
    [Fact]
    public void Names_lists_up_to_eight_then_says_how_many_more()
    {
        var names = Enumerable.Range(1, 1_010).Select(i => $"c{i}").ToList();

        Assert.Equal("c1, c2", Wording.Names(names[..2]));
        Assert.Equal("c1, c2, c3, c4, c5, c6, c7, c8", Wording.Names(names[..8]));
        Assert.Equal("c1, c2, c3, c4, c5, c6, c7, c8 and 1 more", Wording.Names(names[..9]));
        Assert.Equal("c1, c2, c3, c4, c5, c6, c7, c8 and 1,002 more", Wording.Names(names));
    }
}
