using Network.Api.Datasets;
using Network.Api.Health;

var builder = WebApplication.CreateBuilder(args);

// Configure storage: one embedded SQLite file per dataset under Storage:DataFolder
builder.AddNetworkStorage();

// Configure the UI
builder.Services.AddRazorPages();

var app = builder.Build();

// Seed the sample datasets on first start
await app.SeedDatasetsAsync();

// Configure the HTTP pipeline
if (!app.Environment.IsDevelopment())
    app.UseExceptionHandler("/Error");
app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
app.MapStaticAssets();
app.MapHealth();
app.MapDatasets();
app.MapRazorPages().WithStaticAssets();

app.Run();

public partial class Program;
