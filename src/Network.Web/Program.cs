using Network.Api;
using Network.Api.Auth;
using Network.Api.Datasets;
using Network.Api.Health;
using Network.Api.Http;
using Network.Api.Nodes;
using Network.Web;

var builder = WebApplication.CreateBuilder(args);

// Configure storage: one embedded SQLite file per dataset under Storage:DataFolder
builder.AddNetworkStorage();

// Configure sign-in (cookies, API keys), roles and rate limits; for pages, the sign-in page and the import page's rate
builder.AddNetworkAuth();
builder.AddPageAuth();

// Configure the API, the live hub and the analysis cache
builder.AddNetworkApi();

// Configure the UI; the build's static-asset manifest also when the built app runs outside Development (no-op when published)
builder.Services.AddRazorPages();
builder.Services.AddSingleton<Network.Web.Pages.Explore.Places>();
builder.Services.AddSingleton<Network.Api.Analysis.IDatasetWarmup, Network.Web.Pages.Workspace.PageWarmup>();
builder.WebHost.UseStaticWebAssets();

var app = builder.Build();

// First start: create the admin account (the sample datasets are seeded by DatasetSeeding before the server listens)
app.ShowFirstAdmin();

// Configure the HTTP pipeline
app.UseServerTiming();
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
    app.UseExceptionHandler("/Error");
// API and hub answers carry problem details; pages show the error page.
app.UseWhen(context => !PageAuth.IsPage(context.Request.Path), api => api.UseStatusCodePages().UseApiBadRequests());
app.UseWhen(context => PageAuth.IsPage(context.Request.Path), pages => pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
// A page's upload over the limit is answered by the error page naming the limit (413) before anything reads the body.
app.UseWhen(context => PageAuth.IsPage(context.Request.Path), pages => pages.Use(async (context, next) =>
{
    if (HttpMethods.IsPost(context.Request.Method) && context.Request.ContentLength > Network.Api.Imports.ImportApi.MaxUploadBytes)
    {
        (context.Request.Method, context.Request.Path, context.Request.QueryString) = (HttpMethods.Get, "/Error", new QueryString("?code=413"));
        (context.Request.Body, context.Request.ContentLength, context.Request.ContentType) = (Stream.Null, 0, null);
    }
    await next();
}));
// Routing after the status-code pages, so a re-executed error request is routed again.
app.UseRouting();
app.UseAuthentication();
app.UseOwnPasswordFirst();
app.UseAuthorization();
app.UseRateLimiter();
app.MapStaticAssets();
app.MapHealth();
app.MapDatasets();
app.MapFolderImports();
app.MapNetworkApi();
app.MapRazorPages().WithStaticAssets();

app.Run();

public partial class Program;
