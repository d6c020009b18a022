using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Network.Api.Auth;
using Network.Data.Users;

namespace Network.Web.Tests;

public sealed class ApiTests : IDisposable
{
    private readonly NetworkApplication _app = new();

    public void Dispose() => _app.Dispose();

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    public static readonly TheoryData<string, string> Kinds = new()
    {
        { "organisations", """{"name":"Zoë Labs","kind":"company","stages":["pilot"]}""" },
        { "people", """{"name":"Ann Peeters","role":"CTO"}""" },
        { "cities", """{"name":"Kraków","country":"PL"}""" },
        { "agreements", """{"title":"MoU on photonics","kind":"mou","validFrom":"2024-01-01"}""" },
        { "sectors", """{"name":"Photonics"}""" },
        { "events", """{"title":"Photonics forum","kind":"forum","date":"2025-03-04"}""" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task EveryNodeKindCanBeCreatedReadListedUpdatedAndDeleted(string path, string body)
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var created = await client.PostAsync($"/api/datasets/seed/{path}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var node = await Json(created);
        var id = node.GetProperty("id").GetString()!;
        Assert.StartsWith("entered by key:test-editor", node.GetProperty("source").GetString());
        Assert.EndsWith(" (api)", node.GetProperty("source").GetString());
        // The id made from the name by the record form's rule: kind, folded slug, six hex digits ("org-zoe-labs-3f9a1c").
        Assert.Matches("^(org|per|cit|agr|sec|eve)-[a-z0-9]+(-[a-z0-9]+)*-[0-9a-f]{6}$", id);
        Assert.Equal($"/api/datasets/seed/{path}/{Uri.EscapeDataString(id)}", created.Headers.Location!.OriginalString);

        var read = await client.GetAsync(created.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var etag = read.Headers.ETag!;

        var name = node.TryGetProperty("name", out var n) ? "name" : "title";
        var list = await Json(await client.GetAsync($"/api/datasets/seed/{path}?search={Uri.EscapeDataString(node.GetProperty(name).GetString()!)}"));
        Assert.Equal(1, list.GetProperty("total").GetInt32());

        var changed = JsonSerializer.Deserialize<Dictionary<string, object>>(node.GetRawText())!;
        changed[name] = "Renamed";
        var update = new HttpRequestMessage(HttpMethod.Put, created.Headers.Location) { Content = JsonContent.Create(changed) };
        update.Headers.IfMatch.Add(etag);
        var updated = await client.SendAsync(update);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("Renamed", (await Json(await client.GetAsync(created.Headers.Location))).GetProperty(name).GetString());

        var delete = new HttpRequestMessage(HttpMethod.Delete, created.Headers.Location);
        delete.Headers.IfMatch.Add(updated.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(delete)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(created.Headers.Location)).StatusCode);
    }

    [Fact]
    public async Task AnEmptySourceIsRefusedButALeftOutOneIsFilledIn()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var empty = await client.PostAsJsonAsync("/api/datasets/seed/sectors", new { name = "Photonics", source = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("source", await empty.Content.ReadAsStringAsync());
        var filled = await client.PostAsJsonAsync("/api/datasets/seed/sectors", new { name = "Photonics" });
        Assert.Equal(HttpStatusCode.Created, filled.StatusCode);
        var photonics = await Json(filled);
        Assert.StartsWith("entered by ", photonics.GetProperty("source").GetString());
        // The id made from the name by the same rule as the record form's.
        Assert.Matches("^sec-photonics-[0-9a-f]{6}$", photonics.GetProperty("id").GetString());
    }

    [Fact]
    public async Task RelationshipTypesAreSpelledAsDocumentedAndAWrongOneListsTheValidOnes()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var created = await client.PostAsJsonAsync("/api/datasets/seed/relationships", new { type = "PARTNERS_WITH", from = "org-imec", to = "org-skolkovo", kind = "research" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("PARTNERS_WITH", (await Json(created)).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/datasets/seed/relationships/PARTNERS_WITH/org-imec/org-skolkovo")).StatusCode);

        var wrong = await client.PostAsJsonAsync("/api/datasets/seed/relationships", new { type = "FRIENDS_WITH", from = "org-imec", to = "org-vib" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType!.MediaType);
        Assert.Contains("PARTNERS_WITH, TWINNED_WITH", await wrong.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TwentyConcurrentCreationsOfOneDatasetGiveOneCreatedAndNineteenRefusals()
    {
        var client = _app.ClientWithRole(Roles.Admin);
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.PostAsJsonAsync("/api/datasets", new { name = "race" })));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(19, answers.Count(a => a.StatusCode == HttpStatusCode.BadRequest));
        var datasets = await Json(await client.GetAsync("/api/datasets"));
        Assert.Single(datasets.EnumerateArray(), d => d.GetProperty("name").GetString() == "race");
    }

    [Fact]
    public async Task APagePastTheEndIsEmptyAndSaysWhichPageItIs()
    {
        var page = await Json(await _app.CreateClient().GetAsync("/api/datasets/seed/organisations?page=3&pageSize=500"));
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
        Assert.Equal(3, page.GetProperty("number").GetInt32());
        Assert.Equal(50, page.GetProperty("total").GetInt32());
        // Past the end of any list that could be: a mistake, said as one (HardeningTests).
        Assert.Equal(HttpStatusCode.BadRequest, (await _app.CreateClient().GetAsync("/api/datasets/seed/organisations?page=2147483647&pageSize=500")).StatusCode);
    }

    [Fact]
    public async Task ANameWithAControlCharacterIsRefusedAndTheExportsStayWhole()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var refused = await client.PostAsJsonAsync("/api/datasets/seed/organisations", new { name = "Evil\u0001Corp", kind = "company" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("U+0001", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/datasets/seed/export/graphml")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/datasets/seed/export/gexf")).StatusCode);
    }

    [Fact]
    public async Task AStaleUpdateGets412AndLosesNothing()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var read = await client.GetAsync("/api/datasets/seed/organisations/org-imec");
        var etag = read.Headers.ETag!;
        var imec = await Json(read);

        async Task<HttpResponseMessage> Put(string name, EntityTagHeaderValue tag)
        {
            var body = JsonSerializer.Deserialize<Dictionary<string, object>>(imec.GetRawText())!;
            body["name"] = name;
            var request = new HttpRequestMessage(HttpMethod.Put, "/api/datasets/seed/organisations/org-imec") { Content = JsonContent.Create(body) };
            request.Headers.IfMatch.Add(tag);
            return await client.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.OK, (await Put("imec (first editor)", etag)).StatusCode);
        var stale = await Put("imec (second editor)", etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var problem = await Json(stale);
        Assert.Contains("changed by someone else", problem.GetProperty("detail").GetString());
        Assert.Equal("imec (first editor)", (await Json(await client.GetAsync("/api/datasets/seed/organisations/org-imec"))).GetProperty("name").GetString());
    }

    [Fact]
    public async Task AnUpdateWithoutIfMatchIsRefusedWith428()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var response = await client.PutAsJsonAsync("/api/datasets/seed/sectors/sector-nanotech", new { name = "Nano" });
        Assert.Equal(HttpStatusCode.PreconditionRequired, response.StatusCode);
    }

    [Fact]
    public async Task CreatingAnExistingIdIsAConflict()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var response = await client.PostAsJsonAsync("/api/datasets/seed/sectors", new { id = "sector-nanotech", name = "Nano again" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task InvalidDataIsAValidationProblemNamingEachField()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var response = await client.PostAsJsonAsync("/api/datasets/seed/organisations", new { name = "", kind = "spaceship", stages = new[] { "dreaming" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await Json(response)).GetProperty("errors");
        Assert.Contains("spaceship", errors.GetProperty("kind")[0].GetString());
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.Contains("dreaming", errors.GetProperty("stages")[0].GetString());
    }

    [Fact]
    public async Task RelationshipsHaveTheirOwnEndpointsAndDanglingEndsAreRefused()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var created = await client.PostAsJsonAsync("/api/datasets/seed/relationships", new { type = "PartnersWith", from = "org-imec", to = "org-vib", kind = "r&d", weight = 2.0 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var read = await client.GetAsync(created.Headers.Location);
        Assert.Equal(2.0, (await Json(read)).GetProperty("weight").GetDouble());
        var list = await Json(await client.GetAsync("/api/datasets/seed/relationships?type=PARTNERS_WITH&from=org-imec"));
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        var delete = new HttpRequestMessage(HttpMethod.Delete, created.Headers.Location);
        delete.Headers.IfMatch.Add(read.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(delete)).StatusCode);

        var dangling = await client.PostAsJsonAsync("/api/datasets/seed/relationships", new { type = "LocatedIn", from = "org-imec", to = "city-atlantis" });
        Assert.Equal(HttpStatusCode.BadRequest, dangling.StatusCode);
        Assert.Contains("city-atlantis", (await Json(dangling)).GetProperty("errors").GetProperty("to")[0].GetString());
    }

    [Fact]
    public async Task AnonymousWritesAre401AndViewerWritesAre403()
    {
        var anonymous = await _app.CreateClient().PostAsJsonAsync("/api/datasets/seed/sectors", new { name = "X" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var viewer = await _app.ClientWithRole(Roles.Viewer).PostAsJsonAsync("/api/datasets/seed/sectors", new { name = "X" });
        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        var badKey = _app.CreateClient();
        badKey.DefaultRequestHeaders.Add(ApiKeyHandler.Header, "nk_not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await badKey.PostAsJsonAsync("/api/datasets/seed/sectors", new { name = "X" })).StatusCode);
    }

    [Fact]
    public async Task AnUnknownDatasetIsNotFound()
    {
        var response = await _app.CreateClient().GetAsync("/api/datasets/nope/organisations");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        // Every endpoint of a dataset, reads and writes alike, answers the same problem, before doing anything.
        var editor = _app.ClientWithRole(Roles.Editor);
        foreach (var (method, path) in new[] { ("GET", "analysis/brokers"), ("GET", "layout"), ("GET", "changes"), ("GET", "export/json"), ("POST", "relationships"), ("DELETE", "organisations/x") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/datasets/nope/{path}");
            if (method == "POST")
                request.Content = JsonContent.Create(new { type = "PartnersWith", from = "a", to = "b" });
            request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
            var answer = await editor.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
            Assert.Contains("No dataset 'nope'", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // A record that is not there is an answer too, with the same shape.
        using var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/datasets/seed/organisations/org-nobody");
        delete.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        var missing = await editor.SendAsync(delete);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Contains("No organisation 'org-nobody'", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var read = await editor.GetAsync("/api/datasets/seed/organisations/org-nobody");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal("application/problem+json", read.Content.Headers.ContentType?.MediaType);
        foreach (var path in new[] { "/api/datasets/nope", "/api/mappings/nope" })
        {
            var answer = await editor.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task AnalysisEndpointsAnswerForTheCurrentDataVersion()
    {
        var client = _app.CreateClient();
        var brokers = await client.GetAsync("/api/datasets/seed/analysis/brokers?top=5&label=Organisation");
        Assert.Equal(HttpStatusCode.OK, brokers.StatusCode);
        Assert.Equal("1", brokers.Headers.GetValues("X-Data-Version").Single());
        Assert.Equal("org-stad-leuven", (await Json(brokers))[0].GetProperty("id").GetString());

        var metrics = await Json(await client.GetAsync("/api/datasets/seed/analysis/metrics"));
        Assert.Equal(50, metrics.GetArrayLength());
        var communities = await Json(await client.GetAsync("/api/datasets/seed/analysis/communities"));
        Assert.Equal("leiden", communities.GetProperty("algorithm").GetString());
        var chains = await Json(await client.GetAsync("/api/datasets/seed/analysis/value-chains?homeRegion=Vlaams-Brabant"));
        Assert.True(chains.GetArrayLength() > 0);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/datasets/seed/analysis/introductions")).StatusCode);
        var whatif = await Json(await client.GetAsync("/api/datasets/seed/analysis/whatif/org-capricorn"));
        Assert.Equal(38, whatif.GetProperty("disconnectedPairs").GetInt64());
        var fragility = await Json(await client.GetAsync("/api/datasets/seed/analysis/fragility"));
        Assert.Equal("org-stad-leuven", fragility[0].GetProperty("id").GetString());
        var ego = await Json(await client.GetAsync("/api/datasets/seed/analysis/ego/org-capricorn?depth=1"));
        Assert.Contains(ego.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("id").GetString() == "agr-capricorn-scorpio-fund");
        var path = await Json(await client.GetAsync("/api/datasets/seed/analysis/path?from=org-wuxi-capital&to=org-ku-leuven"));
        Assert.Equal("org-wuxi-capital", path.GetProperty("steps")[0].GetProperty("id").GetString());
        var steps = path.GetProperty("steps");
        Assert.Equal("org-ku-leuven", steps[steps.GetArrayLength() - 1].GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/datasets/seed/analysis/ego/org-capricorn?depth=3")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/datasets/seed/analysis/brokers?asOf=yesterday")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/datasets/seed/analysis/whatif/org-nobody")).StatusCode);
    }

    [Fact]
    public async Task AnEditChangesTheAnalysis()
    {
        var client = _app.ClientWithRole(Roles.Editor);
        var before = await Json(await client.GetAsync("/api/datasets/seed/analysis/whatif/org-capricorn"));
        // A second tie between Leuven and the Chinese fund partners removes Capricorn as their only bridge.
        var created = await client.PostAsJsonAsync("/api/datasets/seed/relationships", new { type = "PartnersWith", from = "org-leuven-mindgate", to = "org-wuxi-capital" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var after = await client.GetAsync("/api/datasets/seed/analysis/whatif/org-capricorn");
        Assert.Equal("2", after.Headers.GetValues("X-Data-Version").Single());
        Assert.Equal(38, before.GetProperty("disconnectedPairs").GetInt64());
        Assert.Equal(0, (await Json(after)).GetProperty("disconnectedPairs").GetInt64());
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheEndpoints()
    {
        var document = await Json(await _app.CreateClient().GetAsync("/openapi/v1.json"));
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/datasets/{dataset}/organisations", out _));
        Assert.True(paths.TryGetProperty("/api/datasets/{dataset}/analysis/brokers", out _));
        Assert.True(paths.TryGetProperty("/api/datasets/{dataset}/layout", out _));
        // Every answer of a write is stated, for every kind of record.
        foreach (var kind in new[] { "organisations", "people", "cities", "agreements", "sectors", "events" })
        {
            var put = paths.GetProperty($"/api/datasets/{{dataset}}/{kind}/{{id}}").GetProperty("put").GetProperty("responses");
            foreach (var status in new[] { "200", "400", "401", "403", "404", "412", "428", "429", "503" })
                Assert.True(put.TryGetProperty(status, out _), $"PUT {kind} states {status}");
            Assert.True(paths.GetProperty($"/api/datasets/{{dataset}}/{kind}").GetProperty("post").GetProperty("responses").TryGetProperty("409", out _));
        }
        // Every operation of the API states its problem answers: who may call it, when it is too often, and — for one
        // addressed by name or id — when that is not there; a dataset's operations also when its store cannot answer.
        var unstated = new List<string>();
        foreach (var path in paths.EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var responses = operation.Value.GetProperty("responses");
                var wanted = new List<string> { "401", "403", "429" };
                // (Saving a mapping under a name creates it when it is not there.)
                if (path.Name.Contains('{', StringComparison.Ordinal) && !(operation.Name == "put" && path.Name == "/api/mappings/{name}"))
                    wanted.Add("404");
                if (path.Name.StartsWith("/api/datasets/{dataset}/", StringComparison.Ordinal))
                    wanted.Add("503");
                unstated.AddRange(wanted.Where(status => !responses.TryGetProperty(status, out _)).Select(status => $"{operation.Name.ToUpperInvariant()} {path.Name}: {status}"));
            }
        }
        Assert.Empty(unstated);
        Assert.True(paths.GetProperty("/health").GetProperty("get").GetProperty("responses").TryGetProperty("503", out _));
    }
}
