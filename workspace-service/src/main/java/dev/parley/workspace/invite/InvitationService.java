package dev.parley.workspace.invite;

import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.common.auth.MemberRole;
import dev.parley.common.id.Ids;
import dev.parley.workspace.WorkspaceProperties;
import dev.parley.workspace.audit.AuditEntity;
import dev.parley.workspace.audit.AuditLog;
import dev.parley.workspace.identity.IdentityService;
import dev.parley.workspace.identity.User;
import dev.parley.workspace.identity.Workspace;
import dev.parley.workspace.mail.Mailer;
import dev.parley.workspace.identity.SessionService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Invitations: an admin invites an email with a role (and channels), the invitee gets a single-use link that expires
 * after {@code parley.workspace.invite-ttl}, and accepting it makes the account and signs it in. The mail goes out
 * after the invitation is stored, outside any transaction; without a mail server the admin shares the link.
 */
@Service
public class InvitationService {

    /** A stored invitation, its link (only now known: the store keeps the token's hash) and whether it was mailed. */
    public record Sent(Invitation invitation, String url, boolean mailed) {
    }

    /** An accepted invitation: the new account, signed in, and the channels it is in. */
    public record Accepted(User user, SessionService.Session session, List<String> channelIds) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final InvitationRepository invitations;
    private final IdentityService identity;
    private final Accounts accounts;
    private final Mailer mailer;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final WorkspaceProperties properties;
    private final String publicUrl;

    InvitationService(InvitationRepository invitations, IdentityService identity, Accounts accounts, Mailer mailer,
                      AuditLog audit, TransactionTemplate tx, WorkspaceProperties properties, Environment env) {
        this.invitations = invitations;
        this.identity = identity;
        this.accounts = accounts;
        this.mailer = mailer;
        this.audit = audit;
        this.tx = tx;
        this.properties = properties;
        String url = env.getProperty("parley.public-url", "http://localhost:8080/");
        this.publicUrl = url.endsWith("/") ? url : url + "/";
    }

    /**
     * Invites an email. An email with an account here is {@code already_in_team}; one with a pending invitation is
     * {@code already_in_team_invited_user} unless {@code resend}, which gives that invitation a new link and expiry
     * (the old link stops working) and mails it again.
     */
    public Sent invite(Caller admin, String email, String realName, MemberRole role, List<String> channelIds,
                       boolean resend, ApiRequest.Client client) {
        String cleanEmail = IdentityService.cleanEmail(email);
        String cleanName = realName == null ? "" : realName.trim();
        if (cleanName.length() > 255) {
            throw new SlackApiException("invalid_name");
        }
        if (identity.byEmail(admin.workspaceId(), cleanEmail).isPresent()) {
            throw new SlackApiException("already_in_team");
        }
        List<String> channels = accounts.checkChannels(admin.workspaceId(), admin.userId(), role, channelIds, true,
                "failed_to_validate_channels");
        long now = Instant.now().getEpochSecond();
        long expires = now + properties.inviteTtl().toSeconds();
        String token = newToken();
        Invitation invitation = tx.execute(s -> {
            Optional<Invitation> pending = invitations.pendingFor(admin.workspaceId(), cleanEmail);
            Invitation stored;
            if (pending.isPresent() && !pending.get().expiredAt(now)) {
                if (!resend) {
                    throw new SlackApiException("already_in_team_invited_user");
                }
                if (!invitations.renew(pending.get(), hash(token), now, expires)) {
                    throw new SlackApiException("already_in_team_invited_user");
                }
                stored = invitations.find(admin.workspaceId(), pending.get().id()).orElseThrow();
            } else {
                pending.ifPresent(old -> invitations.close(old.workspaceId(), old.id(), Invitation.REVOKED, null));
                stored = new Invitation(admin.workspaceId(), Ids.invitation(), cleanEmail, cleanName, role.id(), channels,
                        admin.userId(), hash(token), Invitation.PENDING, null, now, now, expires);
                if (!invitations.insert(stored)) {
                    throw new IllegalStateException("invitation token collision");
                }
            }
            audit.record(admin.workspaceId(), "invite_sent", admin.userId(), entity(stored), client,
                    Map.of("role", stored.role(), "resend", pending.isPresent() && resend));
            return stored;
        });
        String url = publicUrl + "invite/" + token;
        boolean mailed = mailer.send(mail(admin, invitation, url));
        return new Sent(invitation, url, mailed);
    }

    public List<Invitation> pending(String workspaceId, String afterId, int limit) {
        return invitations.pending(workspaceId, Instant.now().getEpochSecond(), afterId, limit);
    }

    /** Revokes a pending invitation: its link stops working. {@code invite_not_found} when none is pending. */
    public Invitation revoke(Caller admin, String inviteId, ApiRequest.Client client) {
        return tx.execute(s -> {
            Invitation invitation = invitations.find(admin.workspaceId(), inviteId)
                    .filter(i -> Invitation.PENDING.equals(i.state()))
                    .orElseThrow(() -> new SlackApiException("invite_not_found"));
            if (!invitations.close(admin.workspaceId(), inviteId, Invitation.REVOKED, null)) {
                throw new SlackApiException("invite_not_found");
            }
            audit.record(admin.workspaceId(), "invite_revoked", admin.userId(), entity(invitation), client);
            return invitation;
        });
    }

    /**
     * Accepts an invitation: makes the account with the invited role and channels and signs it in. A token that names
     * no invitation, or one already used or revoked, is {@code invalid_invite}; a lapsed one {@code invite_expired}.
     */
    public Accepted accept(String token, String password, String name, String realName, ApiRequest.Client client) {
        if (token == null || token.length() > 128) {
            throw new SlackApiException("invalid_invite");
        }
        Invitation invitation = invitations.byTokenHash(hash(token))
                .filter(i -> Invitation.PENDING.equals(i.state()))
                .orElseThrow(() -> new SlackApiException("invalid_invite"));
        if (invitation.expiredAt(Instant.now().getEpochSecond())) {
            throw new SlackApiException("invite_expired");
        }
        String shownName = realName != null ? realName : invitation.realName().isEmpty() ? null : invitation.realName();
        Accounts.Made made = accounts.create(invitation.workspaceId(), invitation.invitedBy(),
                new Accounts.NewAccount(invitation.email(), password, name, shownName, MemberRole.of(invitation.role()),
                        invitation.channelIds()),
                client, user -> {
                    if (!invitations.close(invitation.workspaceId(), invitation.id(), Invitation.ACCEPTED, user.id())) {
                        throw new SlackApiException("invalid_invite");
                    }
                });
        return new Accepted(made.user(), identity.sessionFor(made.user(), client), made.channelIds());
    }

    private Mailer.Mail mail(Caller admin, Invitation invitation, String url) {
        Workspace workspace = identity.workspace(admin.workspaceId());
        String inviter = identity.users(admin.workspaceId(), List.of(admin.userId())).stream().findFirst()
                .map(User::realName).orElse("An administrator");
        String text = inviter + " invited you to join " + workspace.name() + " on Parley.\n\n"
                + "Accept the invitation and choose your password here:\n" + url + "\n\n"
                + "The link works once and expires on " + Instant.ofEpochSecond(invitation.expiresAt()) + ".\n";
        return new Mailer.Mail(invitation.email(), "Join " + workspace.name() + " on Parley", text);
    }

    private static AuditEntity entity(Invitation i) {
        return AuditEntity.of("invite", i.id(), Map.of("id", i.id(), "email", i.email(), "role", i.role()));
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
