using System.Text;
using Spps.Devices;
using Spps.Workspace.Projects;

namespace Spps.Workspace.Tests;

public class ProjectDocumentTests
{
    [Theory]
    [InlineData("not json at all", "is not a valid Job Manager project")]
    [InlineData("[1,2]", "the top level is not a JSON object")]
    [InlineData("{\"format\":\"other\",\"schemaVersion\":1,\"sections\":{}}", "'format' is not \"spps-jobmanager-project\"")]
    [InlineData("{\"format\":\"spps-jobmanager-project\",\"sections\":{}}", "'schemaVersion' is missing or not a positive integer")]
    [InlineData("{\"format\":\"spps-jobmanager-project\",\"schemaVersion\":\"1\",\"sections\":{}}", "'schemaVersion' is missing or not a positive integer")]
    [InlineData("{\"format\":\"spps-jobmanager-project\",\"schemaVersion\":0,\"sections\":{}}", "'schemaVersion' is missing or not a positive integer")]
    [InlineData("{\"format\":\"spps-jobmanager-project\",\"schemaVersion\":1}", "'sections' is missing or not an object")]
    [InlineData("{\"format\":\"spps-jobmanager-project\",\"schemaVersion\":1,\"sections\":{\"a\":null}}", "section 'a' is null")]
    public void Refuses_a_file_that_is_not_a_valid_project(string content, string reason)
    {
        var error = Assert.Throws<DomainException>(() => ProjectDocument.Parse(Encoding.UTF8.GetBytes(content), "/p/x.jprj"));
        Assert.StartsWith("The project file '/p/x.jprj' is not a valid Job Manager project: ", error.Message);
        Assert.Contains(reason, error.Message);
        Assert.Equal(["SPPS", "CORRUPT", "/p/x.jprj"], error.ErrorCode);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, (byte)'{', (byte)'}' }, "the text is not valid UTF-8")]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'1', (byte)',', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'2', (byte)'}' }, "'a'")]
    public void Refuses_invalid_utf8_and_a_member_given_twice(byte[] content, string reason)
    {
        var error = Assert.Throws<DomainException>(() => ProjectDocument.Parse(content, "/p/x.jprj"));
        Assert.StartsWith("The project file '/p/x.jprj' is not a valid Job Manager project: ", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData("{\"notes\":5}", "section 'testNotes' cannot be read: The JSON value could not be converted")]
    [InlineData("{\"notes\":null}", "section 'testNotes' cannot be read: ")]
    [InlineData("{\"notes\":[\"a\",null]}", "section 'testNotes': a list holds null.")]
    public void Refuses_a_section_it_cannot_use_when_the_section_is_read(string section, string reason)
    {
        var content = "{\"format\":\"spps-jobmanager-project\",\"schemaVersion\":1,\"sections\":{\"testNotes\":" + section + "}}";
        var document = ProjectDocument.Parse(Encoding.UTF8.GetBytes(content), "/p/x.jprj");
        var error = Assert.Throws<DomainException>(document.Read<NotesSection>);
        Assert.StartsWith("The project file '/p/x.jprj' is not a valid Job Manager project: " + reason, error.Message);
        Assert.Equal(["SPPS", "CORRUPT", "/p/x.jprj"], error.ErrorCode);
    }

    [Fact]
    public void Refuses_a_newer_schema_and_says_so()
    {
        var content = "{\"format\":\"spps-jobmanager-project\",\"schemaVersion\":7,\"sections\":{}}";
        var error = Assert.Throws<DomainException>(() => ProjectDocument.Parse(Encoding.UTF8.GetBytes(content), "/p/x.jprj"));
        Assert.Equal(
            "The project file '/p/x.jprj' has schema version 7, newer than this Job Manager reads (1). Open it with a newer Job Manager.",
            error.Message);
        Assert.Equal(["SPPS", "SCHEMA", "/p/x.jprj", "7"], error.ErrorCode);
    }

    [Fact]
    public void Keeps_sections_it_does_not_know_through_a_round_trip()
    {
        var content = "{\"format\":\"spps-jobmanager-project\",\"schemaVersion\":1,\"sections\":{\"future\":{\"x\":[1,2]}}}";
        var document = ProjectDocument.Parse(Encoding.UTF8.GetBytes(content), "x.jprj");
        document.Write(new NotesSection { Notes = ["n"] });
        var again = ProjectDocument.Parse(document.ToBytes(), "x.jprj");
        Assert.Contains("\"future\": {", Encoding.UTF8.GetString(again.ToBytes()));
        Assert.Equal(["n"], again.Read<NotesSection>().Notes);
    }

    [Fact]
    public void A_section_read_is_a_copy_that_changes_nothing_until_written()
    {
        var document = ProjectDocument.Empty("x.jprj");
        var before = document.ContentFingerprint();
        document.Read<NotesSection>().Notes.Add("not written");
        Assert.Equal(before, document.ContentFingerprint());
    }
}
