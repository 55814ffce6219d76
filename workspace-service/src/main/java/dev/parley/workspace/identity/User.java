package dev.parley.workspace.identity;

/**
 * A member of one workspace, with the role that decides what they may administer. A bot ({@code bot}) is a user too,
 * without email or password: it calls the API only with its token.
 */
public record User(String workspaceId, String id, String email, String name, String realName, String passwordHash,
                   String role, boolean deleted, long createdAt, boolean bot) {

    public static final String OWNER = "owner";
    public static final String ADMIN = "admin";
    public static final String MEMBER = "member";
}
