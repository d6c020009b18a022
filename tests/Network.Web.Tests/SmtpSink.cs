using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Network.Web.Tests;

/// <summary>A message as the SMTP server received it: the envelope's recipient and the data (headers and body).</summary>
public sealed record ReceivedMail(string To, string Data);

/// <summary>
/// A small SMTP server on a loopback port for the e-mail tests: it speaks the protocol's plain commands (EHLO, MAIL,
/// RCPT, DATA, RSET, QUIT) to the real <see cref="System.Net.Mail.SmtpClient"/> the product uses, keeps every
/// message, and refuses recipients it is told to (550), as a mail server refuses an unknown mailbox.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public SmtpSink()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Channel<ReceivedMail> Received { get; } = Channel.CreateUnbounded<ReceivedMail>();

    /// <summary>Recipients answered "550 no such mailbox".</summary>
    public HashSet<string> Refuse { get; } = new(StringComparer.OrdinalIgnoreCase);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 sink ready");
        string? to = null;
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            var command = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
            switch (command)
            {
                case "EHLO" or "HELO":
                    await writer.WriteLineAsync("250 sink");
                    break;
                case "MAIL":
                    to = null;
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "RCPT":
                    var address = line[(line.IndexOf('<', StringComparison.Ordinal) + 1)..line.LastIndexOf('>')];
                    if (Refuse.Contains(address))
                    {
                        await writer.WriteLineAsync("550 no such mailbox");
                        break;
                    }
                    to = address;
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 end with .");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                        data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                    await Received.Writer.WriteAsync(new ReceivedMail(to ?? "", data.ToString()));
                    await writer.WriteLineAsync("250 kept");
                    break;
                case "RSET" or "NOOP":
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 bye");
                    return;
                default:
                    await writer.WriteLineAsync("502 not implemented");
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (ObjectDisposedException)
        {
        }
        _stop.Dispose();
    }
}
