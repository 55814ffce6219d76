package dev.parley.workspace.identity;

/** A member of one workspace, with the role that decides what they may administer. */
public record User(String workspaceId, String id, String email, String name, String realName, String passwordHash,
                   String role, boolean deleted, long createdAt) {

    public static final String OWNER = "owner";
    public static final String ADMIN = "admin";
    public static final String MEMBER = "member";
}
