namespace Graft.Tests.Training.Evaluation;

/// <summary>Lets binary examples be written as 0/1, the way they are worked by hand.</summary>
internal static class Rows
{
    public static bool[] Labels(params int[] bits) => Array.ConvertAll(bits, bit => bit == 1);
}
