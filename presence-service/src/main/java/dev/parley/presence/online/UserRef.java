package dev.parley.presence.online;

import java.util.Optional;

/** One user of one workspace, and how that pair is spelled inside a TtlKeys key. */
record UserRef(String workspaceId, String userId) {

    /** Whether the text can be part of a key: ids never hold the separator, so keys parse back unambiguously. */
    static boolean validId(String id) {
        return id != null && !id.isBlank() && id.length() <= 64 && id.indexOf(':') < 0;
    }

    String key() {
        return workspaceId + ":" + userId;
    }

    static Optional<UserRef> parse(String key) {
        int colon = key.indexOf(':');
        if (colon <= 0 || colon == key.length() - 1) {
            return Optional.empty();
        }
        String workspace = key.substring(0, colon);
        String user = key.substring(colon + 1);
        return validId(user) ? Optional.of(new UserRef(workspace, user)) : Optional.empty();
    }
}
