package dev.parley.workspace.usergroup;

/**
 * A user group (Slack's "subteam"): a name and a mention handle ({@code @handle}, {@code <!subteam^S…>}) for a set of
 * people. A disabled group has {@code dateDelete} set and mentions of it reach nobody.
 */
public record UserGroup(String workspaceId, String id, String name, String handle, String description, String createdBy,
                        String updatedBy, String deletedBy, long dateCreate, long dateUpdate, long dateDelete) {

    public boolean disabled() {
        return dateDelete != 0;
    }
}
