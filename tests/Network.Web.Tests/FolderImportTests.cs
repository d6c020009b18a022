using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Network.Analysis.Synthetic;
using Network.Data.Formats;
using Network.Data.Users;

namespace Network.Web.Tests;

/// <summary>Datasets created from a folder an admin put on the server, in the background, with their progress.</summary>
public sealed class FolderImportTests : IDisposable
{
    private readonly NetworkApplication _app = new(anonymousRead: false);

    public void Dispose() => _app.Dispose();

    private string Incoming(string name) => Path.Combine(_app.DataFolder, "incoming", name);

    /// <summary>The import's state, asked again until it is finished (or the deadline passes).</summary>
    private static async Task<JsonElement> FinishedAsync(HttpClient admin, string location)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var state = await admin.GetFromJsonAsync<JsonElement>(location);
            if (state.GetProperty("phase").GetString() is "done" or "failed")
                return state;
            Assert.True(DateTime.UtcNow < deadline, $"the import is still {state}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task AGeneratedFolderBecomesADatasetWithEveryRecordWritten()
    {
        var admin = _app.ClientWithRole(Roles.Admin);
        Assert.Empty(await admin.GetFromJsonAsync<JsonElement[]>("/api/folders") ?? []);
        var generated = EcosystemGenerator.Generate(150, 3).Graph;
        CsvBundle.Write(generated, Incoming("members-150"));

        var folders = await admin.GetFromJsonAsync<JsonElement[]>("/api/folders");
        var listed = Assert.Single(folders!);
        Assert.Equal("members-150", listed.GetProperty("name").GetString());
        Assert.True(listed.GetProperty("bytes").GetInt64() > 10_000);

        var started = await admin.PostAsJsonAsync("/api/folders/members-150/import", new { name = "members", title = "150 members" });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("/api/folders/members-150/import", started.Headers.Location!.OriginalString);
        var done = await FinishedAsync(admin, started.Headers.Location.OriginalString);
        Assert.Equal("done", done.GetProperty("phase").GetString());
        var records = generated.Nodes.Count + generated.Relationships.Count;
        Assert.Equal(records, done.GetProperty("total").GetInt32());
        Assert.Equal(records, done.GetProperty("written").GetInt32());
        Assert.Equal(100, done.GetProperty("percent").GetInt32());

        var dataset = await admin.GetFromJsonAsync<JsonElement>("/api/datasets/members");
        Assert.Equal("150 members", dataset.GetProperty("title").GetString());
        Assert.Equal("server folder members-150", dataset.GetProperty("origin").GetString());
        Assert.False(dataset.GetProperty("anonymousRead").GetBoolean());
        var organisations = await admin.GetFromJsonAsync<JsonElement>("/api/datasets/members/organisations?pageSize=500");
        Assert.Equal(generated.OfType<Network.Analysis.Domain.Organisation>().Count(), organisations.GetProperty("total").GetInt32());

        // The Import page shows the admin the folder and what became of it.
        var page = await admin.GetStringAsync("/import");
        Assert.Contains("Folders on the server", page);
        Assert.Contains("<th scope=\"row\">members-150</th>", page);
        Assert.Contains($"created <a href=\"/datasets/members\">members</a> ({records:N0} records)", page);

        // The folder's name is taken now; another import into the same name is refused.
        var again = await admin.PostAsJsonAsync("/api/folders/members-150/import", new { name = "members" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("exists already", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AFolderWithAnErrorWritesNothingAndSaysWhereTheErrorIs()
    {
        var admin = _app.ClientWithRole(Roles.Admin);
        Directory.CreateDirectory(Incoming("broken"));
        await File.WriteAllTextAsync(Path.Combine(Incoming("broken"), "organisations.csv"), "id,name,kind,source\norg-a,A,university,test\norg-b,B,spaceship,test\n");
        var started = await admin.PostAsJsonAsync("/api/folders/broken/import", new { name = "broken" });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var failed = await FinishedAsync(admin, started.Headers.Location!.OriginalString);
        Assert.Equal("failed", failed.GetProperty("phase").GetString());
        Assert.Contains("nothing was written", failed.GetProperty("error").GetString());
        var problem = Assert.Single(failed.GetProperty("problems").EnumerateArray()).GetString();
        Assert.Contains("organisations.csv", problem);
        Assert.Contains("kind", problem);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/datasets/broken")).StatusCode);
    }

    [Fact]
    public async Task OnlyAnAdminImportsAndOnlyFoldersOfTheImportFolderCanBeNamed()
    {
        CsvBundle.Write(EcosystemGenerator.Generate(30, 1).Graph, Incoming("small"));
        var editor = _app.ClientWithRole(Roles.Editor);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("/api/folders")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostAsJsonAsync("/api/folders/small/import", new { name = "small" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient().GetAsync("/api/folders")).StatusCode);

        var admin = _app.ClientWithRole(Roles.Admin);
        foreach (var outside in new[] { "..%2F..%2Fetc", "%2Ftmp", "nope" })
        {
            var response = await admin.PostAsJsonAsync($"/api/folders/{outside}/import", new { name = "outside" });
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        var badName = await admin.PostAsJsonAsync("/api/folders/small/import", new { name = "Not A Name" });
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/folders/small/import")).StatusCode);
    }
}
