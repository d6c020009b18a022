using System.Net.Http.Json;
using System.Text.Json;

namespace Network.Tools;

/// <summary>What the commands that drive a running server (load, faults) share: clients over one handler, and counting what the store holds.</summary>
internal static class ServerClients
{
    public static HttpClient Create(SocketsHttpHandler handler, Uri server, string? key = null, TimeSpan? timeout = null)
    {
        var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = server, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        if (key is not null)
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>The ids of every person whose id or name contains <paramref name="prefix"/>, page by page, repeats included.</summary>
    public static async Task<List<string>> PeopleAsync(HttpClient client, string dataset, string prefix)
    {
        var ids = new List<string>();
        for (var page = 1; ; page++)
        {
            var result = await client.GetFromJsonAsync<JsonElement>($"/api/datasets/{Uri.EscapeDataString(dataset)}/people?search={Uri.EscapeDataString(prefix)}&pageSize=500&page={page}");
            ids.AddRange(result.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()!));
            if (page * 500 >= result.GetProperty("total").GetInt32())
                return ids;
        }
    }
}
