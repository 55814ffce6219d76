package dev.parley.channel.conversation;

import dev.parley.common.id.Ts;
import java.util.LinkedHashMap;
import java.util.Map;

/** Conversation objects in Slack's JSON shape. */
final class ChannelView {

    private ChannelView() {
    }

    /** The short form events carry. */
    static Map<String, Object> brief(Channel c) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", c.id());
        if (c.name() != null) {
            v.put("name", c.name());
        }
        v.put("created", c.createdAt());
        v.put("creator", c.creator());
        v.put("is_channel", Channel.PUBLIC.equals(c.type()));
        v.put("is_group", Channel.PRIVATE.equals(c.type()));
        v.put("is_im", Channel.IM.equals(c.type()));
        v.put("is_mpim", Channel.MPIM.equals(c.type()));
        v.put("is_private", c.isPrivate());
        return v;
    }

    /**
     * The full object as one caller sees it: {@code isMember}, and {@code read} (their read state, null when not a
     * member) and {@code numMembers} (null to leave out) where the method provides them.
     */
    static Map<String, Object> full(Channel c, boolean isMember, ReadMarkerService.ReadState read, Long numMembers,
                                    String imUser) {
        Map<String, Object> v = brief(c);
        v.put("is_archived", c.archived());
        v.put("is_general", false);
        v.put("is_shared", false);
        v.put("is_ext_shared", false);
        v.put("is_org_shared", false);
        v.put("is_pending_ext_shared", false);
        v.put("context_team_id", c.workspaceId());
        if (c.isDirect()) {
            if (imUser != null) {
                v.put("user", imUser);
            }
            v.put("is_open", isMember);
        } else {
            v.put("is_member", isMember);
            v.put("name_normalized", c.name());
            v.put("unlinked", 0);
            v.put("topic", topic(c.topic()));
            v.put("purpose", topic(c.purpose()));
        }
        if (numMembers != null) {
            v.put("num_members", numMembers);
        }
        if (read != null) {
            v.put("last_read", Ts.format(read.lastRead()));
            v.put("unread_count", read.unreadCount());
            v.put("unread_count_display", read.unreadCountDisplay());
            v.put("mention_count", read.mentionCount());
            v.put("mention_count_display", read.mentionCount());
        }
        return v;
    }

    private static Map<String, Object> topic(Channel.Topic t) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("value", t.value());
        v.put("creator", t.creator());
        v.put("last_set", t.lastSet());
        return v;
    }
}
