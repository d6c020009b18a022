namespace Network.Api.Auth;

public static class Policies
{
    /// <summary>Reading data and analyses: signed-in users (a user limited to datasets, only those), or anyone when Auth:AnonymousRead is true or the dataset is opened to anonymous readers.</summary>
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

    /// <summary>Whether anyone may read every dataset without signing in. Off by default: private unless opened (per dataset: anonymousRead).</summary>
    public bool AnonymousRead { get; set; }

    /// <summary>Writes per client per minute.</summary>
    public int WritesPerMinute { get; set; } = 6000;

    /// <summary>Imports per client per minute.</summary>
    public int ImportsPerMinute { get; set; } = 10;

    /// <summary>Reads with ?asOf=… per anonymous address per minute (each date is an analysis of its own).</summary>
    public int AnonymousDatedReadsPerMinute { get; set; } = 20;

    /// <summary>What-ifs, scenarios and paths per client per minute (each re-runs part of the analysis).</summary>
    public int AnalysisPerMinute { get; set; } = 120;

    /// <summary>Requests with a survey link (its page, the roster, the answer) per address per minute.</summary>
    public int SurveyRequestsPerMinute { get; set; } = 120;
}
