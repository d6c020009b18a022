using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Network.Web.Pages;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "Something went wrong";
    public string Message { get; private set; } = "The request could not be completed. The problem has been logged.";

    public void OnGet(int? code)
    {
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>()?.Error is Network.Data.Storage.GraphDatabaseUnavailableException)
        {
            (Heading, Message) = ("The graph database is unavailable", "Network cannot reach Neo4j right now. Nothing was changed; try again in a moment.");
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        if (code == StatusCodes.Status404NotFound)
            (Heading, Message) = ("Not found", "There is no page or dataset at this address.");
        else if (code is { } status)
            (Heading, Message) = ($"Error {status}", "The request could not be completed.");
    }
}
