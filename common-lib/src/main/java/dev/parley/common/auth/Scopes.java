package dev.parley.common.auth;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Slack's OAuth scope names that Parley's Web API checks, and the set a person's own session token carries. */
public final class Scopes {

    public static final String ADMIN = "admin";
    public static final String AUDITLOGS_READ = "auditlogs:read";
    public static final String CHANNELS_HISTORY = "channels:history";
    public static final String CHANNELS_JOIN = "channels:join";
    public static final String CHANNELS_MANAGE = "channels:manage";
    public static final String CHANNELS_READ = "channels:read";
    public static final String CHAT_WRITE = "chat:write";
    public static final String DND_READ = "dnd:read";
    public static final String DND_WRITE = "dnd:write";
    public static final String FILES_READ = "files:read";
    public static final String FILES_WRITE = "files:write";
    public static final String GROUPS_HISTORY = "groups:history";
    public static final String GROUPS_READ = "groups:read";
    public static final String GROUPS_WRITE = "groups:write";
    public static final String IM_HISTORY = "im:history";
    public static final String IM_READ = "im:read";
    public static final String IM_WRITE = "im:write";
    public static final String MPIM_HISTORY = "mpim:history";
    public static final String MPIM_READ = "mpim:read";
    public static final String MPIM_WRITE = "mpim:write";
    public static final String PINS_READ = "pins:read";
    public static final String PINS_WRITE = "pins:write";
    public static final String REACTIONS_READ = "reactions:read";
    public static final String REACTIONS_WRITE = "reactions:write";
    public static final String SEARCH_READ = "search:read";
    public static final String TEAM_READ = "team:read";
    public static final String USERGROUPS_READ = "usergroups:read";
    public static final String USERGROUPS_WRITE = "usergroups:write";
    public static final String USERS_READ = "users:read";
    public static final String USERS_READ_EMAIL = "users:read.email";
    public static final String USERS_WRITE = "users:write";
    public static final String USERS_PROFILE_READ = "users.profile:read";
    public static final String USERS_PROFILE_WRITE = "users.profile:write";
    public static final String INCOMING_WEBHOOK = "incoming-webhook";

    /** Every scope a bot may be installed with. */
    public static final Set<String> GRANTABLE = Set.copyOf(List.of(
            AUDITLOGS_READ, CHANNELS_HISTORY, CHANNELS_JOIN, CHANNELS_MANAGE, CHANNELS_READ, CHAT_WRITE, DND_READ,
            DND_WRITE, FILES_READ, FILES_WRITE, GROUPS_HISTORY, GROUPS_READ, GROUPS_WRITE, IM_HISTORY, IM_READ,
            IM_WRITE, MPIM_HISTORY, MPIM_READ, MPIM_WRITE, PINS_READ, PINS_WRITE, REACTIONS_READ, REACTIONS_WRITE,
            SEARCH_READ, TEAM_READ, USERGROUPS_READ, USERGROUPS_WRITE, USERS_READ, USERS_READ_EMAIL, USERS_WRITE,
            USERS_PROFILE_READ, USERS_PROFILE_WRITE, INCOMING_WEBHOOK));

    /**
     * What a person's session token carries: everything a user may do, the role deciding the rest. Admin methods
     * check the role, not a scope, so {@link #ADMIN} is here too.
     */
    public static final Set<String> USER_SESSION;

    static {
        Set<String> all = new LinkedHashSet<>(GRANTABLE);
        all.add(ADMIN);
        USER_SESSION = Set.copyOf(all);
    }

    private Scopes() {
    }

    /**
     * The scope reading a conversation of this type needs ({@code conversations.info}, {@code members}), by the
     * channel-service's type names: {@code channel}, {@code group} (private), {@code im}, {@code mpim}.
     */
    public static String readOf(String conversationType) {
        return byType(conversationType, CHANNELS_READ, GROUPS_READ, IM_READ, MPIM_READ);
    }

    /** The scope reading the messages of a conversation of this type needs ({@code conversations.history}, …). */
    public static String historyOf(String conversationType) {
        return byType(conversationType, CHANNELS_HISTORY, GROUPS_HISTORY, IM_HISTORY, MPIM_HISTORY);
    }

    /** The scope changing a conversation of this type needs (leave, invite, topic, archive, mark, …). */
    public static String writeOf(String conversationType) {
        return byType(conversationType, CHANNELS_MANAGE, GROUPS_WRITE, IM_WRITE, MPIM_WRITE);
    }

    private static String byType(String type, String channel, String group, String im, String mpim) {
        return switch (type == null ? "" : type) {
            case "group" -> group;
            case "im" -> im;
            case "mpim" -> mpim;
            default -> channel;
        };
    }

    /** Slack's comma-separated form, sorted so headers and answers are stable. */
    public static String join(Collection<String> scopes) {
        return String.join(",", scopes.stream().sorted().toList());
    }
}
