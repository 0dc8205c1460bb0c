using Graft.Cli;

NativeOutput.KeepStdoutForData();

// Table of contents: the verbs of `graft`, one class each under Commands/<Noun>/.
return await GraftCommand.Create().Parse(args).InvokeAsync(new() { EnableDefaultExceptionHandler = false });
