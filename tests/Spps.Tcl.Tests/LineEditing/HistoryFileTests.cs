using Spps.Tcl.Hosting.LineEditing;

namespace Spps.Tcl.Tests.LineEditing;

public sealed class HistoryFileTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Keeps_commands_of_several_lines_and_backslashes_as_they_were()
    {
        var file = new HistoryFile(_folder.Combine("home", HistoryFile.FileName));
        file.Append("proc p {} {\n    puts \"a\\nb\"\n}");
        file.Append("puts C:\\\\out");
        Assert.Equal(["proc p {} {\n    puts \"a\\nb\"\n}", "puts C:\\\\out"], new HistoryFile(file.Path).Load());
        Assert.Equal(2, File.ReadAllLines(file.Path).Length);
    }

    [Fact]
    public void Keeps_the_newest_thousand_commands()
    {
        var path = _folder.Combine(HistoryFile.FileName);
        File.WriteAllLines(path, Enumerable.Range(1, 1200).Select(i => $"puts {i}"));
        var file = new HistoryFile(path);
        Assert.Equal(["puts 201", "puts 1200"], [file.Load()[0], file.Load()[^1]]);
        file.Append("puts new");
        Assert.Equal(HistoryFile.Limit, File.ReadAllLines(path).Length);
        Assert.Equal("puts new", File.ReadAllLines(path)[^1]);
    }

    [Fact]
    public void Does_not_add_a_repeat_of_the_newest_command()
    {
        var file = new HistoryFile(_folder.Combine(HistoryFile.FileName));
        file.Append("puts a");
        file.Append("puts a");
        Assert.Equal(["puts a"], file.Load());
    }

    [Fact]
    public void Adds_to_what_another_session_wrote_meanwhile()
    {
        var path = _folder.Combine(HistoryFile.FileName);
        var mine = new HistoryFile(path);
        mine.Append("puts mine");
        new HistoryFile(path).Append("puts theirs");
        mine.Append("puts mine again");
        Assert.Equal(["puts mine", "puts theirs", "puts mine again"], mine.Load());
    }

    [SkippableFact]
    public void Is_readable_by_its_owner_only()
    {
        Skip.If(OperatingSystem.IsWindows(), "Windows gives new files the folder's permissions.");
        var file = new HistoryFile(_folder.Combine(HistoryFile.FileName));
        file.Append("puts a");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file.Path));
        }
    }

    [Fact]
    public void A_missing_file_is_an_empty_history() =>
        Assert.Empty(new HistoryFile(_folder.Combine("none", HistoryFile.FileName)).Load());
}
