using System.Globalization;
using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;
using Network.Analysis.Domain;
using Network.Data.Surveys;

namespace Network.Api.Surveys;

/// <summary>
/// The SMTP server survey links are e-mailed through (section "Smtp"). Off by default: without a host nothing is sent
/// and the dashboard offers the links as CSV for a mail merge instead.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 25;

    /// <summary>The sender's address, e.g. "Leuven MindGate &lt;survey@leuvenmindgate.be&gt;".</summary>
    public string From { get; set; } = "network@localhost";

    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>STARTTLS before anything is sent (on by default; off only for a relay on the same host).</summary>
    public bool EnableSsl { get; set; } = true;

    /// <summary>How long one message may take before the server is taken to be unreachable.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>What a send did: links e-mailed, invitations without an address, and the first failure that stopped it.</summary>
public sealed record SendReport(int Sent, IReadOnlyList<string> WithoutAddress, string? Failure);

/// <summary>
/// E-mails survey links, one message per invited organisation with an address, in Dutch and English (the respondent's
/// page then follows the browser's language). Each message sent is noted on its invitation at once, so a send that
/// stops half-way (the SMTP server goes away) says how far it got and sending again continues with the rest when asked
/// for those not yet sent.
/// </summary>
public sealed class SurveyMailer(IOptions<SmtpOptions> options, SurveyStore store, TimeProvider clock)
{
    public const int MaxAddressLength = 254;

    public bool Enabled => options.Value.Enabled;

    /// <summary>An address as a person typed it, checked: one mailbox, no display name tricks, no control characters.</summary>
    public static string? Problem(string address)
    {
        if (address.Length > MaxAddressLength)
            return $"is longer than {MaxAddressLength} characters";
        if (DomainRules.Unwritable(address, multiline: false) is { } problem)
            return problem;
        return MailAddress.TryCreate(address, out var parsed) && parsed.Address == address && address.Contains('@', StringComparison.Ordinal)
            ? null : $"'{(address.Length <= 60 ? address : address[..60] + "…")}' is not an e-mail address";
    }

    /// <param name="invitations">The live invitations to send (those without an address are reported, not sent).</param>
    /// <param name="names">Organisation names by id, for the greeting.</param>
    /// <param name="link">The respondent's address of a token.</param>
    public async Task<SendReport> SendAsync(Survey survey, IReadOnlyList<Invitation> invitations, IReadOnlyDictionary<string, string> names,
        Func<string, string> link, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        if (!smtp.Enabled)
            throw new InvalidOperationException("E-mail is off: no Smtp:Host is configured.");
        using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl, Timeout = smtp.TimeoutSeconds * 1000, DeliveryMethod = SmtpDeliveryMethod.Network };
        if (smtp.UserName is { Length: > 0 })
            client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        var from = new MailAddress(smtp.From);
        var sent = 0;
        foreach (var invitation in invitations.Where(i => i.Email is not null))
        {
            var name = names.GetValueOrDefault(invitation.Organisation) ?? invitation.Organisation;
            using var message = new MailMessage(from, new MailAddress(invitation.Email!))
            {
                Subject = $"{survey.Name} — {name}",
                Body = Body(survey, name, link(invitation.Token)),
                BodyEncoding = System.Text.Encoding.UTF8,
                SubjectEncoding = System.Text.Encoding.UTF8,
                BodyTransferEncoding = System.Net.Mime.TransferEncoding.Base64,
            };
            try
            {
                await client.SendMailAsync(message, cancellationToken);
            }
            catch (SmtpException e)
            {
                return new SendReport(sent, WithoutAddress(invitations), $"the mail server refused or could not be reached: {e.Message}");
            }
            catch (InvalidOperationException e)
            {
                return new SendReport(sent, WithoutAddress(invitations), $"the mail server could not be used: {e.Message}");
            }
            store.MarkSent(invitation.Token, clock.GetUtcNow());
            sent++;
        }
        return new SendReport(sent, WithoutAddress(invitations), null);
    }

    private static List<string> WithoutAddress(IReadOnlyList<Invitation> invitations) => [.. invitations.Where(i => i.Email is null).Select(i => i.Organisation)];

    /// <summary>The message: Dutch first (the members are Flemish), then English; the survey's own introduction; the link and its last day.</summary>
    public static string Body(Survey survey, string organisation, string link)
    {
        var closes = survey.Closes.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var introduction = string.IsNullOrWhiteSpace(survey.Introduction) ? "" : survey.Introduction.Trim() + "\n\n";
        return $"""
            {introduction}Beste {organisation},

            Met wie werkt uw organisatie samen? Uw antwoorden op de bevraging "{survey.Name}" tonen het netwerk van het ecosysteem.
            Uw persoonlijke link (geen account nodig, antwoorden kan tot en met {closes}):

            {link}

            Dear {organisation},

            Who does your organisation work with? Your answers to the survey "{survey.Name}" map the ecosystem's network.
            Your personal link (no account needed, open until {closes} inclusive):

            {link}

            This link is personal to {organisation}: please do not forward it.
            """;
    }
}
