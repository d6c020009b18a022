using Network.Data.Mapping;

namespace Network.Data.Tests.Mapping;

/// <summary>The import page's form over a mapping: what it shows is what it changes; what it does not show is kept.</summary>
public class MappingFormTests
{
    private static MappingFile Mapping() => new()
    {
        Name = "crm",
        Source = "import: crm",
        Nodes =
        [
            new NodeMapping
            {
                File = "members.csv", Label = "Organisation", Id = new FieldSpec { Column = "id", Prefix = "org-" }, Name = new FieldSpec { Column = "name" },
                Properties = new() { ["kind"] = new FieldSpec { Constant = "company" }, ["country"] = new FieldSpec { Column = "land" } },
            },
        ],
        Relationships =
        [
            new RelationshipMapping
            {
                File = "links.csv", Type = "PARTY_TO",
                From = new EndSpec { Id = new FieldSpec { Column = "member", Prefix = "org-" } }, To = new EndSpec { Id = new FieldSpec { Column = "deal", Prefix = "agr-" } },
                Properties = new() { ["role"] = new FieldSpec { Column = "role" }, ["since"] = new FieldSpec { Column = "start" } },
            },
        ],
    };

    [Fact]
    public void ReadingAndApplyingTheFormUnchangedGivesTheSameMapping()
    {
        var mapping = Mapping();
        var again = MappingForm.Apply(mapping, MappingForm.Read(mapping, ["members.csv", "links.csv"]));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(mapping, MappingFile.Json), System.Text.Json.JsonSerializer.Serialize(again, MappingFile.Json));
    }

    [Fact]
    public void WhatTheFormChangesChangesAndWhatItDoesNotShowIsKept()
    {
        var choices = MappingForm.Read(Mapping(), ["members.csv", "links.csv"]);
        choices[0].Fields["country"] = "";            // the country column taken away
        choices[1].From = "organisation";             // another column for where the link starts
        choices[1].Fields["role"] = "";               // and no role
        var changed = MappingForm.Apply(Mapping(), choices);

        var members = Assert.Single(changed.Nodes);
        Assert.False(members.Properties.ContainsKey("country"));
        Assert.Equal("company", members.Properties["kind"].Constant); // a constant the form does not show
        Assert.Equal("org-", members.Id.Prefix);
        var links = Assert.Single(changed.Relationships);
        Assert.Equal("organisation", links.From.Id!.Column);
        Assert.Equal("org-", links.From.Id.Prefix);
        Assert.False(links.Properties.ContainsKey("role"));
        Assert.Equal("start", links.Properties["since"].Column); // not on the form: kept
    }

    [Fact]
    public void AChoiceThatCannotBeUsedNamesTheFile()
    {
        var choices = MappingForm.Read(Mapping(), ["members.csv", "links.csv"]);
        choices[0].City = "town";
        var error = Assert.Throws<InvalidDataException>(() => MappingForm.Apply(Mapping(), choices));
        Assert.StartsWith("members.csv: a city needs the column of its country", error.Message);
        choices[0].City = null;
        choices[1].Target = "node:Unicorn";
        Assert.StartsWith("links.csv:", Assert.Throws<InvalidDataException>(() => MappingForm.Apply(Mapping(), choices)).Message);
    }
}
