namespace Network.Web.Pages.Survey;

/// <summary>The respondent's page in English and Dutch (the members are Flemish): one table, one lookup.</summary>
public sealed class SurveyWords(string language)
{
    public string Language { get; } = language == "nl" ? "nl" : "en";

    private static readonly Dictionary<string, (string En, string Nl)> Texts = new()
    {
        ["for"] = ("Survey for", "Bevraging voor"),
        ["closes"] = ("Answers are taken until {0}. You can change your answer until then.", "Antwoorden kan tot en met {0}. Tot dan kunt u uw antwoord nog wijzigen."),
        ["last"] = ("You answered on {0}; what you said then is filled in below. Sending again replaces it.", "U antwoordde op {0}; wat u toen zei, staat hieronder ingevuld. Opnieuw versturen vervangt het."),
        ["partners"] = ("Who does your organisation work with?", "Met wie werkt uw organisatie samen?"),
        ["partners-help"] = ("Name the organisations you work with, one per box: start typing and pick the name from the list.", "Noem de organisaties waarmee u samenwerkt, één per vak: begin te typen en kies de naam uit de lijst."),
        ["partner"] = ("Partner {0}", "Partner {0}"),
        ["organisation"] = ("Organisation", "Organisatie"),
        ["kinds"] = ("Kind of tie", "Soort samenwerking"),
        ["strength"] = ("How close (1 occasional – 5 very close)", "Hoe nauw (1 af en toe – 5 zeer nauw)"),
        ["since"] = ("Since (optional)", "Sinds (optioneel)"),
        ["contact"] = ("Contact person (optional)", "Contactpersoon (optioneel)"),
        ["add"] = ("Add another partner", "Nog een partner toevoegen"),
        ["remove"] = ("Remove", "Verwijderen"),
        ["new"] = ("Not in the list?", "Niet in de lijst?"),
        ["new-help"] = ("Write the name (and city) of partners you could not find; the network's team will add them.", "Schrijf de naam (en stad) van partners die u niet vond; het team van het netwerk voegt ze toe."),
        ["name"] = ("Name", "Naam"),
        ["city"] = ("City", "Stad"),
        ["sectors"] = ("Your sectors", "Uw sectoren"),
        ["sectors-help"] = ("Filled in from what the network knows; confirm or change.", "Ingevuld met wat het netwerk weet; bevestig of pas aan."),
        ["stages"] = ("Your stages in the value chain", "Uw schakels in de waardeketen"),
        ["events"] = ("Events you attended", "Evenementen die u bijwoonde"),
        ["send"] = ("Send answer", "Antwoord versturen"),
        ["problems"] = ("Your answer was not saved. Please correct:", "Uw antwoord is niet bewaard. Verbeter a.u.b.:"),
        ["thanks"] = ("Thank you — your answer is saved.", "Dank u — uw antwoord is bewaard."),
        ["thanks-more"] = ("You named {0} partner(s). You can change your answer until {1} with the same link.", "U noemde {0} partner(s). U kunt uw antwoord tot {1} wijzigen met dezelfde link."),
        ["change"] = ("Change my answer", "Mijn antwoord wijzigen"),
        ["draft"] = ("Your unsent answer on this device was restored.", "Uw niet-verstuurde antwoord op dit toestel is teruggezet."),
        ["closed"] = ("This survey has closed; answers are no longer taken. Thank you for your interest.", "Deze bevraging is afgesloten; antwoorden kan niet meer. Dank voor uw interesse."),
        ["unknown"] = ("No survey link like this one: it may have been mistyped or withdrawn. Ask the network's team for a new one.", "Deze link naar een bevraging bestaat niet: misschien is ze verkeerd overgenomen of ingetrokken. Vraag het team van het netwerk om een nieuwe."),
        ["privacy"] = ("Only the network's team sees your answer; the organisations you name are shown as ties in the network, with your organisation as the source.", "Alleen het team van het netwerk ziet uw antwoord; de organisaties die u noemt, verschijnen als banden in het netwerk, met uw organisatie als bron."),
        ["joint project"] = ("joint project", "gezamenlijk project"),
        ["customer"] = ("customer", "klant"),
        ["supplier"] = ("supplier", "leverancier"),
        ["investor"] = ("investor", "investeerder"),
        ["knowledge exchange"] = ("knowledge exchange", "kennisuitwisseling"),
        ["other"] = ("other", "andere"),
        ["research"] = ("research", "onderzoek"),
        ["prototyping"] = ("prototyping", "prototypes"),
        ["pilot"] = ("pilot", "proefproject"),
        ["production"] = ("production", "productie"),
        ["market"] = ("market", "markt"),
        ["finance"] = ("finance", "financiering"),
        ["other-language"] = ("Nederlands", "English"),
    };

    public string this[string key] => Texts.TryGetValue(key, out var t) ? (Language == "nl" ? t.Nl : t.En) : key;

    public string Format(string key, params object[] values) => string.Format(System.Globalization.CultureInfo.InvariantCulture, this[key], values);

    public string OtherLanguage => Language == "nl" ? "en" : "nl";

    private static readonly string[] MonthsEn = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] MonthsNl = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

    /// <summary>"4 December 2026", "4 december 2026" (the server runs without culture data, so the month names are here).</summary>
    public string Day(DateOnly day) => $"{day.Day} {(Language == "nl" ? MonthsNl : MonthsEn)[day.Month - 1]} {day.Year}";
}
