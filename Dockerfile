# Build: the whole solution, tests excluded from the image.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig Network.sln ./
COPY src/ src/
RUN dotnet publish src/Network.Web/Network.Web.csproj -c Release -o /app --nologo

# Run: the ASP.NET runtime only, as a non-root user, with the seed and sample data beside the app.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY data/ /app/data/
ENV ASPNETCORE_URLS=http://+:8080 \
    Storage__DataFolder=/var/lib/network \
    Storage__SeedFolder=/app/data/seed
USER app
VOLUME /var/lib/network
EXPOSE 8080
ENTRYPOINT ["dotnet", "Network.Web.dll"]
