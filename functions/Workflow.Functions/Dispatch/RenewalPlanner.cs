using Workflow.Core;
using Workflow.Functions.Agreements;

namespace Workflow.Functions.Dispatch;

/// <summary>A signed (or imported) renewal marks the agreement it renews, through the outbox.</summary>
public static class RenewalPlanner
{
    public static IEnumerable<OutboxItem> Plan(string agreementId, IEnumerable<AgreementEvent> events) => events.SelectMany(e => e switch
    {
        AgreementSigned { RenewalOfId: { } renewed } => [Mark(renewed, agreementId)],
        AgreementImported { RenewalOfId: { } renewed } => [Mark(renewed, agreementId)],
        _ => Array.Empty<OutboxItem>(),
    });

    private static OutboxItem Mark(string renewed, string renewal) => AgreementEngine.Outbox(OutboxKinds.MarkRenewed, new MarkRenewedPayload(renewed, renewal));
}
