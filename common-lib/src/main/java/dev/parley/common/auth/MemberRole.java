package dev.parley.common.auth;

import dev.parley.common.api.SlackApiException;
import java.util.Arrays;

/**
 * What a person is in a workspace, from most to least powerful. Guests (Slack's "restricted" and "ultra restricted"
 * accounts) see only the channels they were invited to and the people in them.
 */
public enum MemberRole {
    OWNER("owner"),
    ADMIN("admin"),
    MEMBER("member"),
    /** A multi-channel guest: Slack's {@code is_restricted}. */
    GUEST("guest"),
    /** A single-channel guest: Slack's {@code is_ultra_restricted}. */
    SINGLE_CHANNEL_GUEST("single_channel_guest");

    private final String id;

    MemberRole(String id) {
        this.id = id;
    }

    /** The name stored with the account and carried in tokens. */
    public String id() {
        return id;
    }

    public boolean isAdmin() {
        return this == OWNER || this == ADMIN;
    }

    public boolean isGuest() {
        return this == GUEST || this == SINGLE_CHANNEL_GUEST;
    }

    /** The role with this id; an unknown id (an old token, a bad argument) is {@code invalid_role}. */
    public static MemberRole of(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst()
                .orElseThrow(() -> new SlackApiException("invalid_role"));
    }

    /** Like {@link #of} but a missing role reads as a plain member (callers inside the platform, older tokens). */
    static MemberRole orMember(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst().orElse(MEMBER);
    }
}
