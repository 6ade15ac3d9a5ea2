namespace Spps.Devices.Tests;

public class ClosestNamesTests
{
    private static readonly string[] _commands = ["new_project", "open_project", "close_project", "new_prog_job", "export_prog_job", "help"];

    [Theory]
    [InlineData("new_projet", "new_project")]
    [InlineData("NEW_PROJECT", "new_project")]
    [InlineData("close_projects", "close_project")]
    [InlineData("hepl", "help")]
    [InlineData("export_prog_jb", "export_prog_job")]
    [InlineData("new_proect", "new_project")]
    [InlineData("open", "")] // too far from every name
    [InlineData("x", "")]
    [InlineData("zzzzzzzzzz", "")]
    public void Suggests_the_nearest_names_first_and_nothing_when_none_is_near(string typed, string expected) =>
        Assert.Equal(expected.Length == 0 ? [] : expected.Split('|'), ClosestNames.To(typed, _commands));

    [Fact]
    public void Suggests_at_most_three_in_a_stable_order()
    {
        Assert.Equal(["ab", "ac", "ad"], ClosestNames.To("aa", ["ae", "ad", "ac", "ab"]));
        Assert.Equal(["quick", "quiet"], ClosestNames.To("quite", ["quiet", "quick", "colour"]));
        Assert.Equal(["M2S010S", "M2S005"], ClosestNames.To("M2S011", ["M2S005", "M2S010S"])); // equally near: the longer shared beginning first
    }

    [Fact]
    public void A_name_that_differs_only_in_letter_case_is_the_only_suggestion()
    {
        Assert.Equal(["Colour"], ClosestNames.To("colour", ["Colour", "color", "colours"]));
    }
}
