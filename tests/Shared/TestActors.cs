using Graft.Governance;

namespace Graft.Testing;

/// <summary>Who the tests act as, so that their trail entries name someone as every act's entry must.</summary>
internal static class TestActors
{
    public static readonly Actor Tester = Actor.Operator("test");
}
