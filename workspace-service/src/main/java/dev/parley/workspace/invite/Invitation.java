package dev.parley.workspace.invite;

import java.util.List;

/**
 * An invitation to join a workspace with a role (and, for guests, the channels they may see). Its link carries a
 * token of which only the hash is kept; the invitation is {@code pending} until accepted or revoked, and refused once
 * {@code expiresAt} (epoch seconds) has passed.
 */
public record Invitation(String workspaceId, String id, String email, String realName, String role,
                         List<String> channelIds, String invitedBy, String tokenHash, String state, String acceptedUser,
                         long createdAt, long sentAt, long expiresAt) {

    public static final String PENDING = "pending";
    public static final String ACCEPTED = "accepted";
    public static final String REVOKED = "revoked";

    public Invitation {
        channelIds = channelIds == null ? List.of() : List.copyOf(channelIds);
    }

    public boolean expiredAt(long nowSeconds) {
        return expiresAt <= nowSeconds;
    }
}
