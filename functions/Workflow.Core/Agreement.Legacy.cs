using System.Text.Json.Serialization;

namespace Workflow.Core;

/// <summary>
/// Snapshots written before the history left the agreement carried whole lists of drafts, rounds and
/// evaluations. They are read into the fields that replaced them, and never written again. Plans written before
/// their items had ids are given them.
/// </summary>
public sealed partial class Agreement : IJsonOnDeserialized
{
    /// <summary>Plans written before items had ids get them by position (<c>i1</c>, <c>i2</c>, …): the same on every read.</summary>
    void IJsonOnDeserialized.OnDeserialized()
    {
        if (ActionPlan.All(i => i.Id.Length > 0)) return;
        ActionPlan = [.. ActionPlan.Select((item, i) => item.Id.Length > 0 ? item : item with { Id = $"i{i + 1}" })];
        ActionItemSeq = Math.Max(ActionItemSeq, ActionPlan.Count);
    }

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
