using Spps.Formats.Dat;
using Spps.Formats.Stapl;

namespace Spps.Silicon.Tests;

public sealed class ProgrammingFileFuzzTests : IDisposable
{
    private readonly ExportedFiles _files = new("M2S010");

    public void Dispose() => _files.Dispose();

    private byte[] Exported(string format) => File.ReadAllBytes(Directory.GetFiles(_files.Folder.Combine("out"), "*." + (format == "DAT" ? "dat" : "stp"))[0]);

    [Fact]
    public void Mutated_dat_files_give_only_the_dat_error()
    {
        _files.Export("TRUSTED_FACILITY", format: "DAT");
        Fuzzer.Run(new FuzzTarget("programming file (DAT)", [Exported("DAT")], (bytes, source) => ProgrammingFile.FromDat(bytes, source), error => error is DatFormatException)
        {
            Source = "fuzzed.dat",
        }, seed: 1501, count: 400);
    }

    [Fact]
    public void Mutated_stapl_files_give_only_the_stapl_error()
    {
        _files.Export("TRUSTED_FACILITY");
        Fuzzer.Run(new FuzzTarget("programming file (STAPL)", [Exported("STAPL")], (bytes, source) => ProgrammingFile.FromStapl(bytes, source), error => error is StaplFormatException)
        {
            Source = "fuzzed.stp",
        }, seed: 1502, count: 200);
    }
}
