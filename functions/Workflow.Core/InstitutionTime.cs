namespace Workflow.Core;

/// <summary>
/// Indonesia's three time zones. They have no daylight saving, so fixed offsets are exact
/// and keep the core free of the operating system's time zone database.
/// </summary>
public static class InstitutionTime
{
    public static readonly IReadOnlyDictionary<string, TimeSpan> Zones = new Dictionary<string, TimeSpan>
    {
        ["Asia/Jakarta"] = TimeSpan.FromHours(7),   // WIB
        ["Asia/Makassar"] = TimeSpan.FromHours(8),  // WITA
        ["Asia/Jayapura"] = TimeSpan.FromHours(9),  // WIT
    };

    public static string Abbreviation(string zone) => zone switch
    {
        "Asia/Jakarta" => "WIB",
        "Asia/Makassar" => "WITA",
        "Asia/Jayapura" => "WIT",
        _ => zone,
    };

    public static bool IsKnown(string? zone) => zone is not null && Zones.ContainsKey(zone);

    public static TimeSpan Offset(string zone) =>
        Zones.TryGetValue(zone, out var offset) ? offset : throw new ArgumentException($"Unknown time zone '{zone}'.", nameof(zone));

    public static DateOnly Today(string zone, DateTimeOffset now) => DateOnly.FromDateTime(now.ToOffset(Offset(zone)).DateTime);

    /// <summary>The instant of a local wall-clock time on a local date.</summary>
    public static DateTimeOffset At(string zone, DateOnly date, TimeOnly time) =>
        new DateTimeOffset(date.ToDateTime(time), Offset(zone)).ToUniversalTime();
}
