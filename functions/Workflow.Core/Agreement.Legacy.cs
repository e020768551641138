using System.Text.Json.Serialization;

namespace Workflow.Core;

/// <summary>
/// Snapshots written before the history left the agreement carried whole lists of drafts, rounds and
/// evaluations. They are read into the fields that replaced them, and never written again.
/// </summary>
public sealed partial class Agreement
{
    [JsonInclude, JsonPropertyName("drafts"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private IReadOnlyList<DraftVersion>? LegacyDrafts
    {
        get => null;
        set { if (value is { Count: > 0 }) (LatestDraft, DraftCount) = (value[^1], value.Count); }
    }

    [JsonInclude, JsonPropertyName("reviewRounds"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private IReadOnlyList<ReviewRound>? LegacyReviewRounds
    {
        get => null;
        set { if (value is { Count: > 0 }) LatestRound = value[^1]; }
    }

    [JsonInclude, JsonPropertyName("evaluations"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private IReadOnlyList<Evaluation>? LegacyEvaluations
    {
        get => null;
        set { if (value is { Count: > 0 }) (EvaluationCount, EvaluatedThrough) = (value.Count, value.Max(e => e.PeriodEnd)); }
    }
}
