using Microsoft.Extensions.Options;
using Workflow.Core;

namespace Workflow.Functions.Timers;

public sealed class NoticeOptions
{
    public const string Section = "Notices";
    /// <summary>Days before expiry on which a renewal notice goes out; 0 is the expiry day itself.</summary>
    /// <remarks>No default here: the configuration binder appends to an array that already has items.</remarks>
    public int[]? RenewalDaysBeforeExpiry { get; set; }
    /// <summary>Local time (institution's time zone) at which dated notices go out.</summary>
    public TimeOnly LocalTime { get; set; } = new(8, 0);
    public int EvaluationOverdueDays { get; set; } = 14;
}

public sealed class EvaluationOptions
{
    public const string Section = "Evaluation";
    public int IntervalMonths { get; set; } = 6;
}

public static class NoticeSetup
{
    public static IServiceCollection AddSinergiNotices(this IServiceCollection services)
    {
        services.AddOptions<NoticeOptions>().BindConfiguration(NoticeOptions.Section)
            .Validate(o => (o.RenewalDaysBeforeExpiry ?? []).All(d => d is >= 0 and <= 365), "Setting 'Notices:RenewalDaysBeforeExpiry' must list days from 0 to 365.")
            .Validate(o => o.EvaluationOverdueDays is >= 1 and <= 90, "Setting 'Notices:EvaluationOverdueDays' must be 1-90.")
            .ValidateOnStart();
        services.AddOptions<EvaluationOptions>().BindConfiguration(EvaluationOptions.Section)
            .Validate(o => o.IntervalMonths is >= 1 and <= 24, "Setting 'Evaluation:IntervalMonths' must be 1-24.")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var notices = sp.GetRequiredService<IOptions<NoticeOptions>>().Value;
            var days = notices.RenewalDaysBeforeExpiry is { Length: > 0 } configured ? configured : NoticePolicy.Default.RenewalNoticeDays.ToArray();
            return new NoticePolicy(days, sp.GetRequiredService<IOptions<EvaluationOptions>>().Value.IntervalMonths, notices.EvaluationOverdueDays, notices.LocalTime);
        });
        services.AddSingleton<TimerStore>();
        return services;
    }
}
