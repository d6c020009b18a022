using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Network.Web.Pages;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "Something went wrong";
    public string Message { get; private set; } = "The request could not be completed. The problem has been logged.";
    public (string Href, string Text) Back { get; private set; } = ("/", "Back to the overview");

    public void OnGet(int? code)
    {
        var error = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>()?.Error;
        if (error is Microsoft.AspNetCore.Http.BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } || code == StatusCodes.Status413PayloadTooLarge)
        {
            (Heading, Message) = ("The upload is too large",
                $"Uploads are limited to {Network.Api.Imports.ImportApi.MaxUploadBytes / (1024 * 1024)} MB in all. Nothing was imported; upload fewer or smaller files (for example without columns the mapping does not use).");
            Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            Back = ("/import", "Back to the import");
            return;
        }
        if (error is Network.Data.Storage.GraphDatabaseUnavailableException)
        {
            (Heading, Message) = ("The graph database is unavailable", "Network cannot reach Neo4j right now. Nothing was changed; try again in a moment.");
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        if (code == StatusCodes.Status429TooManyRequests)
            (Heading, Message) = ("Too many requests in a minute", "Nothing was changed. Wait a minute and try again.");
        else if (code == StatusCodes.Status404NotFound)
            (Heading, Message) = ("Not found", "There is no page or dataset at this address.");
        else if (code is { } status)
            (Heading, Message) = ($"Error {status}", "The request could not be completed.");
    }
}
