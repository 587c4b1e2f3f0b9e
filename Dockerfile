# syntax=docker/dockerfile:1
# Build: the SDK restores and publishes the web host (the client and sandbox projects come along as references).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props Portal.csproj ./
COPY src/RemotePc/RemotePc.csproj src/RemotePc/
COPY src/RemotePc.Sandbox/RemotePc.Sandbox.csproj src/RemotePc.Sandbox/
# ReadyToRun: precompiled code starts about a quarter faster than JIT-compiled (bench/Portal.Harness row 7 publishes the
# same way). TARGETARCH comes from BuildKit (amd64 or arm64; the SDK takes both names).
ARG TARGETARCH
RUN dotnet restore Portal.csproj -a $TARGETARCH -p:PublishReadyToRun=true
COPY . .
RUN dotnet publish Portal.csproj -c Release -a $TARGETARCH --self-contained false -p:PublishReadyToRun=true -o /app --no-restore

# Run: the ASP.NET runtime only, as a non-root user; /data holds SQLite files and is the only state.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app
COPY --from=build /app ./
RUN mkdir -p /data && chown app:app /data
USER app
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Database__ConnectionString="Data Source=/data/portal.db" \
    Sandbox__DatabasePath=/data/sandbox.db
VOLUME ["/data"]
EXPOSE 8080
# The aspnet image has no curl; the app's own health endpoint is probed with bash's /dev/tcp.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n" >&3 && grep -q "200 OK" <&3'
ENTRYPOINT ["dotnet", "Portal.dll"]
