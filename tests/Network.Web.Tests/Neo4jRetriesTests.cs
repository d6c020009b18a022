using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Network.Api.Datasets;
using Network.Data.Storage;

namespace Network.Web.Tests;

/// <summary>The Neo4j client as the server configures it retries only what is safe to send twice; a commit never twice.</summary>
public sealed class Neo4jRetriesTests
{
    /// <summary>The server end: every request fails as a lost answer or a 503 would.</summary>
    private sealed class FailingServer(bool refuse) : HttpMessageHandler
    {
        public int Requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Requests);
            return refuse
                ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request })
                : throw new HttpRequestException("The connection was reset: the answer was lost.");
        }
    }

    private static (HttpClient Client, FailingServer Server) Client(bool refuse)
    {
        var server = new FailingServer(refuse);
        var services = new ServiceCollection();
        services.AddTransient<Neo4jRetryMarker>();
        DatasetsApi.AddNeo4jClient(services).ConfigurePrimaryHttpMessageHandler(() => server);
        var client = services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient(DatasetsApi.Neo4jClient);
        client.BaseAddress = new Uri("http://neo4j.invalid");
        return (client, server);
    }

    private static HttpRequestMessage Request(string path, bool safe)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("{}") };
        request.Options.Set(Neo4jQueryApi.SafeToRepeat, safe);
        return request;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ACommitWhoseAnswerIsLostIsSentOnce(bool refuse)
    {
        var (client, server) = Client(refuse);
        try
        {
            using var response = await client.SendAsync(Request("/db/neo4j/query/v2/tx/1/commit", safe: false));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }
        catch (HttpRequestException)
        {
            // The lost answer surfaces; the store turns it into 503 for its caller.
        }
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task AReadIsRetried()
    {
        var (client, server) = Client(refuse: true);
        using var response = await client.SendAsync(Request("/db/neo4j/query/v2", safe: true));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(server.Requests > 1, $"a read was sent {server.Requests} time(s)");
    }
}
