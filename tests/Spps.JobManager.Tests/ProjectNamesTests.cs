namespace Spps.JobManager.Tests;

public sealed class ProjectNamesTests : HsmTaskTest
{
    public ProjectNamesTests() => Tasks.AddTask("J", "T", HsmTasks.HsmTask.Internal);

    [Theory]
    [InlineData("data_name", "HD PD")]
    [InlineData("bitstream_name", "MA MU U1 M")]
    [InlineData("job_name", "J")]
    [InlineData("hsmtask_name", "T")]
    [InlineData("device_name", "FPGA UNIQUE UPDATE PLAIN EXT BYP")]
    [InlineData("device", "FPGA UNIQUE UPDATE PLAIN EXT BYP")]
    [InlineData("location", "")]
    public void Tab_completes_these_names_of_the_open_project_for_the_option_that_names_them(string option, string names) =>
        Assert.Equal(names, string.Join(' ', ProjectNames.For(Workspace.Project, option)));

    [Fact]
    public void Nothing_is_offered_while_no_project_is_open()
    {
        Workspace.CloseProject(false);
        Assert.Empty(ProjectNames.For(Workspace.Project, "job_name"));
    }
}
