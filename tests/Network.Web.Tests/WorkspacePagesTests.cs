using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Network.Analysis.Domain;
using Network.Api.Auth;
using Network.Api.Datasets;
using Network.Data.Users;

namespace Network.Web.Tests;

/// <summary>One application with a dataset whose every name is hostile: markup, quotes and right-to-left overrides.</summary>
public sealed class HostileWorkspace : IAsyncLifetime
{
    public const string Script = "<script>alert(1)</script>";
    public const string Quote = "Q' onmouseover='alert(2)";
    public const string DoubleQuote = "D\" onmouseover=\"alert(3)";
    public const string RightToLeft = "\u202Eevil\u202C Partners";
    public const string Markup = "<img src=x onerror=alert(4)>";

    public NetworkApplication App { get; } = new();

    public async Task InitializeAsync()
    {
        var graph = new NetworkGraph(
        [
            new Organisation("org-a", Script, "company", Markup) { Sectors = ["sec-s"], Stages = ["research", "pilot"] },
            new Organisation("org-b", Quote, "university", "t") { Sectors = ["sec-s"], Stages = ["prototyping"] },
            new Organisation("org-c", DoubleQuote, "investor", "t") { Sectors = ["sec-s"], Stages = ["finance"] },
            new Organisation("org-d", RightToLeft, "company", "t") { Sectors = ["sec-s"], Stages = ["research"] },
            new City("city-x", Markup, "BE", "t") { Region = "Region <b>bold</b>" },
            new Sector("sec-s", "<b>Sector</b>", "t"),
            new Agreement("agr-x", Quote + " deal", "mou", "t") { ValidFrom = new DateOnly(2020, 1, 1) },
            new Agreement("agr-y", DoubleQuote + " fund", "fund", "t") { ValidFrom = new DateOnly(2021, 1, 1) },
            new Person("per-p", Script + " person", "t") { Role = Quote },
            new Event("evt-e", RightToLeft + " forum", "forum", "t") { Date = new DateOnly(2022, 5, 1) },
        ],
        [
            new Relationship(RelationshipType.LocatedIn, "org-a", "city-x", "t"),
            new Relationship(RelationshipType.LocatedIn, "org-b", "city-x", "t"),
            new Relationship(RelationshipType.LocatedIn, "org-d", "city-x", "t"),
            new Relationship(RelationshipType.PartyTo, "org-a", "agr-x", "t"),
            new Relationship(RelationshipType.PartyTo, "org-b", "agr-x", "t"),
            new Relationship(RelationshipType.PartyTo, "org-b", "agr-y", "t"),
            new Relationship(RelationshipType.PartyTo, "org-c", "agr-y", "t"),
            new Relationship(RelationshipType.WorksFor, "per-p", "org-c", "t"),
            new Relationship(RelationshipType.WorksFor, "per-p", "org-d", "t"),
            new Relationship(RelationshipType.ParticipatedIn, "org-a", "evt-e", "t"),
            new Relationship(RelationshipType.ParticipatedIn, "org-d", "evt-e", "t"),
        ], 0);
        await App.Services.GetRequiredService<DatasetCatalog>().CreateAsync(new DatasetInfo("hostile", "Hostile <i>title</i>", false, "test"), graph);
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Every page of a dataset shows a hostile name as text: nothing from the data becomes markup or an attribute.</summary>
public sealed class EveryPageEncodesWhatTheDataSays(HostileWorkspace workspace) : IClassFixture<HostileWorkspace>
{
    public static TheoryData<string> Pages =>
    [
        "", "/explore", "/explore?focus=org-a&depth=2", "/brokers", "/brokers?who=people", "/brokers?sort=constraint&dir=asc",
        "/value-chains", "/value-chains?sector=sec-s&stage=research", "/communities",
        "/organisations", "/people", "/cities", "/agreements", "/sectors", "/events",
        "/organisations/org-a", "/organisations/org-b", "/people/per-p", "/cities/city-x", "/agreements/agr-x", "/sectors/sec-s", "/events/evt-e",
        "/what-if?remove=org-b", "/what-if?from=org-a&to=org-c", "/compare?from=2019-01-01&to=2023-01-01", "/report", "/changes",
        "/organisations/org-a/edit", "/organisations/new",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task NamesAreTextOnThePage(string page)
    {
        var response = await workspace.App.ClientWithRole(Roles.Editor).GetAsync("/datasets/hostile" + page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("' onmouseover='alert", html);
        Assert.DoesNotContain("\" onmouseover=\"alert", html);
        Assert.DoesNotContain("<b>Sector</b>", html);
        Assert.DoesNotContain("<i>title</i>", html);
        Assert.DoesNotContain("\u202E", html);
        var document = await Html.ParseAsync(new HttpResponseMessage { Content = new StringContent(html) });
        Assert.Empty(document.QuerySelectorAll("[onmouseover], [onerror], main script, img"));
    }

    [Fact]
    public async Task TheRecordPageShowsTheNamesAsWritten()
    {
        var page = await Html.ParseAsync(await workspace.App.CreateClient().GetAsync("/datasets/hostile/organisations/org-a"));
        Assert.Equal(HostileWorkspace.Script, page.QuerySelector("h1")!.FirstChild!.TextContent.Trim());
        Assert.Contains(HostileWorkspace.Markup, page.QuerySelector("blockquote.source")!.TextContent);
        Assert.Contains(HostileWorkspace.RightToLeft + " forum", page.QuerySelector("#relationships")!.TextContent);
    }
}

public sealed class SecurityHeadersTests(HostileWorkspace workspace) : IClassFixture<HostileWorkspace>
{
    [Theory]
    [InlineData("/datasets/seed")]
    [InlineData("/datasets/seed/brokers")]
    [InlineData("/account/login")]
    [InlineData("/api/datasets/seed/organisations")]
    public async Task EveryAnswerForbidsSniffingFramingAndForeignScripts(string path)
    {
        var response = await workspace.App.CreateClient().GetAsync(path);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
    }
}
