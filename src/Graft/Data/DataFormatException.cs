namespace Graft.Data;

/// <summary>A delimited file that cannot be read as a table; the message names the problem and where it is.</summary>
public sealed class DataFormatException(string message) : Exception(message);
