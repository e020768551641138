namespace Workflow.Core;

public sealed partial class Agreement
{
    /// <summary>
    /// A link for the partner's contact, valid until <paramref name="expiresAt"/>: the partner sees the agreement and
    /// reports on the items it owns, without an account. A new link replaces (revokes) the one before.
    /// </summary>
    public PartnerLinkIssued IssuePartnerLink(string linkId, DateTimeOffset expiresAt, Actor by, DateTimeOffset now)
    {
        Check(Move.PartnerLink, now);
        if (expiresAt <= now) throw DomainValidationException.For("expiresAt", "Masa berlaku tautan harus di masa depan.");
        PartnerLink = new PartnerLink(linkId, expiresAt, now, by.Email);
        return new PartnerLinkIssued(now, by, linkId, expiresAt);
    }

    public PartnerLinkRevoked RevokePartnerLink(Actor by, DateTimeOffset now)
    {
        Check(Move.PartnerLink, now);
        if (PartnerLink is not { } link || link.ExpiresAt <= now)
            throw new InvalidMoveException("Tidak ada tautan mitra yang berlaku untuk dicabut.");
        PartnerLink = null;
        return new PartnerLinkRevoked(now, by, link.Id);
    }

    /// <summary>Whether a partner's token naming <paramref name="linkId"/> opens the agreement now.</summary>
    public bool PartnerLinkValid(string linkId, DateTimeOffset now) => PartnerLink is { } link && link.Id == linkId && link.ExpiresAt > now;
}
