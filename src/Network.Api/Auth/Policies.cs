namespace Network.Api.Auth;

public static class Policies
{
    /// <summary>Reading data and analyses: signed-in users, or anyone when Auth:AnonymousRead is true.</summary>
    public const string Read = "read";

    /// <summary>Any write: editors and admins.</summary>
    public const string Edit = "edit";

    /// <summary>Managing users and API keys.</summary>
    public const string Admin = "admin";
}

/// <summary>Bound from the "Auth" configuration section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public bool AnonymousRead { get; set; } = true;

    /// <summary>Writes per client per minute.</summary>
    public int WritesPerMinute { get; set; } = 6000;

    /// <summary>Imports per client per minute.</summary>
    public int ImportsPerMinute { get; set; } = 10;

    /// <summary>Reads with ?asOf=… per anonymous address per minute (each date is an analysis of its own).</summary>
    public int AnonymousDatedReadsPerMinute { get; set; } = 20;

    /// <summary>What-ifs, scenarios and paths per client per minute (each re-runs part of the analysis).</summary>
    public int AnalysisPerMinute { get; set; } = 120;
}
