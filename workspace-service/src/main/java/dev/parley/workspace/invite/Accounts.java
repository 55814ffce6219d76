package dev.parley.workspace.invite;

import dev.parley.channel.client.ChannelAccess;
import dev.parley.channel.client.ChannelClient;
import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.MemberRole;
import dev.parley.common.id.Ids;
import dev.parley.workspace.audit.AuditEntity;
import dev.parley.workspace.audit.AuditLog;
import dev.parley.workspace.identity.IdentityService;
import dev.parley.workspace.identity.User;
import dev.parley.workspace.profile.ProfileService;
import dev.parley.workspace.profile.UserChanges;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes accounts, whether an admin creates one ({@code admin.users.create}) or an invitation is accepted: the account
 * and its audit entry in one transaction, then, once committed, the channels it joins (through the channel service)
 * and Slack's {@code team_join} to the workspace's sockets.
 */
@Component
public class Accounts {

    /** An account to make: who, with which role, joining which channels. */
    public record NewAccount(String email, String password, String name, String realName, MemberRole role,
                             List<String> channelIds) {
    }

    /** A made account and the channels it is in. */
    public record Made(User user, List<String> channelIds) {
    }

    private static final Logger log = LoggerFactory.getLogger(Accounts.class);
    static final int MAX_CHANNELS = 100;

    private final IdentityService identity;
    private final ObjectProvider<ChannelClient> channels;
    private final AuditLog audit;
    private final ProfileService profiles;
    private final UserChanges changes;
    private final TransactionTemplate tx;

    Accounts(IdentityService identity, ObjectProvider<ChannelClient> channels, AuditLog audit, ProfileService profiles,
             UserChanges changes, TransactionTemplate tx) {
        this.identity = identity;
        this.channels = channels;
        this.audit = audit;
        this.profiles = profiles;
        this.changes = changes;
        this.tx = tx;
    }

    /** The role named by Slack's flags or by {@code role}: a single-channel guest wins over a guest. */
    public static MemberRole role(String role, boolean restricted, boolean ultraRestricted) {
        if (ultraRestricted) {
            return MemberRole.SINGLE_CHANNEL_GUEST;
        }
        if (restricted) {
            return MemberRole.GUEST;
        }
        MemberRole named = role == null ? MemberRole.MEMBER : MemberRole.of(role);
        if (named == MemberRole.OWNER) {
            throw new SlackApiException("invalid_role");
        }
        return named;
    }

    /** The ids of a comma-separated {@code channel_ids}, distinct, in order. */
    public static List<String> channelIds(String commaList) {
        if (commaList == null || commaList.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaList.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /**
     * Checks the channels an account of this role is to join, as the admin sees them: each must be a channel (not a
     * DM) the admin can see and not archived; a single-channel guest gets at most one, and an invited guest at least
     * one ({@code guestNeedsOne}: an invitation to nothing leads nowhere, while an account an admin makes may be
     * invited into channels afterwards). Any failure is {@code error}. Asked of the channel service before any
     * transaction starts; only admins invite, so the admin is asked about as one.
     */
    public List<String> checkChannels(String workspaceId, String adminUserId, MemberRole role, List<String> channelIds,
                                      boolean guestNeedsOne, String error) {
        if (channelIds.size() > MAX_CHANNELS || (guestNeedsOne && role.isGuest() && channelIds.isEmpty())
                || (role == MemberRole.SINGLE_CHANNEL_GUEST && channelIds.size() > 1)) {
            throw new SlackApiException(error);
        }
        for (String channelId : channelIds) {
            if (!Ids.looksLike(channelId, 'C', 'G')) {
                throw new SlackApiException(error);
            }
            ChannelAccess access = channels.getObject().access(
                    new ChannelClient.AccessQuery(workspaceId, channelId, adminUserId, MemberRole.ADMIN.id()));
            if (!access.visible() || access.archived() || "im".equals(access.type()) || "mpim".equals(access.type())) {
                throw new SlackApiException(error);
            }
        }
        return channelIds;
    }

    /**
     * Makes the account ({@code already_in_team} when the email has one here); {@code sameTransaction} runs in the
     * transaction that stores it (an invitation is closed there), then the account joins its channels.
     */
    public Made create(String workspaceId, String actorId, NewAccount account, ApiRequest.Client client,
                       Consumer<User> sameTransaction) {
        User user = tx.execute(s -> {
            User made = identity.createUser(workspaceId, account.email(), account.password(), account.name(),
                    account.realName(), account.role().id());
            audit.record(workspaceId, account.role().isGuest() ? "guest_created" : "user_created",
                    actorId == null ? made.id() : actorId, AuditEntity.user(made.id()), client,
                    Map.of("role", account.role().id()));
            sameTransaction.accept(made);
            return made;
        });
        List<String> joined = List.of();
        if (!account.channelIds().isEmpty()) {
            try {
                joined = channels.getObject().addMember(new ChannelClient.JoinCommand(workspaceId, user.id(),
                        account.channelIds(), actorId)).channelIds();
            } catch (RuntimeException e) {
                log.warn("Account {} of {} was made, but joining its channels {} failed: {}", user.id(), workspaceId,
                        account.channelIds(), e.toString());
            }
        }
        changes.joined(workspaceId, profiles.userObject(user, false));
        return new Made(user, joined);
    }
}
