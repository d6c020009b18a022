using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Network.Cli;

/// <summary>
/// Listens to the server's hub (/hubs/network) over one WebSocket with SignalR's JSON hub protocol, which is small enough
/// to speak directly: a handshake record, then records of JSON ended by the 0x1E separator. Invocations of the watched
/// target reach the callback with their first argument; pings are ignored. Keeps the CLI free of ASP.NET Core packages.
/// </summary>
public sealed class HubListener : IAsyncDisposable
{
    private const char Separator = '\u001e';
    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly string _target;
    private readonly Action<JsonElement> _received;
    private Task? _loop;
    private int _invocation;

    private HubListener(string target, Action<JsonElement> received) => (_target, _received) = (target, received);

    /// <summary>Connects, completes the handshake and starts listening for <paramref name="target"/> (e.g. "AnalysisUpdated").</summary>
    public static async Task<HubListener> ConnectAsync(Uri server, string target, Action<JsonElement> received, CancellationToken cancellationToken)
    {
        var listener = new HubListener(target, received);
        var uri = new UriBuilder(new Uri(server, "/hubs/network")) { Scheme = server.Scheme == "https" ? "wss" : "ws" }.Uri;
        await listener._socket.ConnectAsync(uri, cancellationToken);
        await listener.SendAsync("""{"protocol":"json","version":1}""", cancellationToken);
        var handshake = await listener.ReceiveRecordsAsync(cancellationToken);
        if (handshake.Count == 0)
            throw new InvalidOperationException("The hub closed the connection during the handshake.");
        using (var answer = JsonDocument.Parse(handshake[0]))
        {
            if (answer.RootElement.TryGetProperty("error", out var error))
                throw new InvalidOperationException($"The hub refused the handshake: {error.GetString()}.");
        }
        listener._loop = Task.Run(listener.ListenAsync, CancellationToken.None);
        return listener;
    }

    /// <summary>Calls a hub method without waiting for its result (e.g. "Watch" with a dataset name).</summary>
    public Task InvokeAsync(string method, string argument, CancellationToken cancellationToken) =>
        SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = (++_invocation).ToString(System.Globalization.CultureInfo.InvariantCulture), target = method, arguments = new[] { argument } }), cancellationToken);

    private async Task ListenAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                foreach (var record in await ReceiveRecordsAsync(_stop.Token))
                {
                    using var message = JsonDocument.Parse(record);
                    var root = message.RootElement;
                    if (root.GetProperty("type").GetInt32() == 1 && root.GetProperty("target").GetString() == _target)
                        _received(root.GetProperty("arguments")[0].Clone());
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
    }

    private Task SendAsync(string json, CancellationToken cancellationToken) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json + Separator), WebSocketMessageType.Text, true, cancellationToken);

    private async Task<List<string>> ReceiveRecordsAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.GetMemory(4096), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
                return [];
            buffer.Advance(result.Count);
            if (result.EndOfMessage && buffer.WrittenCount > 0 && buffer.WrittenSpan[^1] == (byte)Separator)
                break;
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan).Split(Separator, StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_socket.State == WebSocketState.Open)
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        if (_loop is not null)
            await _loop;
        _socket.Dispose();
        _stop.Dispose();
    }
}
