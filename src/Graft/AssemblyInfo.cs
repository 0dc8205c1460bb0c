using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Graft.Cli")]
