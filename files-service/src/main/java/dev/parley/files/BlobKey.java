package dev.parley.files;

import java.util.regex.Pattern;

/**
 * Where a blob lives: a workspace and a path inside it ({@code F0123/original}, {@code F0123/thumb_64.png}). Every
 * adapter stores it under {@code <workspaceId>/<path>}, so one workspace's keys can never name another's blobs.
 *
 * <p>Both parts are checked here, once, so that no adapter has to defend a file system or a bucket against {@code ..},
 * empty segments or control characters: a path is one to eight segments of letters, digits, {@code .}, {@code _} and
 * {@code -}, none of them {@code .} or {@code ..}.
 */
public record BlobKey(String workspaceId, String path) {

    private static final Pattern WORKSPACE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final int MAX_SEGMENTS = 8;

    public BlobKey {
        if (workspaceId == null || !WORKSPACE.matcher(workspaceId).matches()) {
            throw new IllegalArgumentException("Not a workspace id for a blob key: " + workspaceId);
        }
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("A blob key needs a path");
        }
        String[] segments = path.split("/", -1);
        if (segments.length > MAX_SEGMENTS) {
            throw new IllegalArgumentException("A blob path has at most " + MAX_SEGMENTS + " segments: " + path);
        }
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("Not a blob path: " + path);
            }
        }
    }

    public static BlobKey of(String workspaceId, String path) {
        return new BlobKey(workspaceId, path);
    }

    /** {@code <workspaceId>/<path>}, the name every adapter stores the blob under. */
    public String qualified() {
        return workspaceId + "/" + path;
    }

    /** Parses {@link #qualified()} back into a key; fails on anything that is not a valid key. */
    public static BlobKey parse(String qualified) {
        int slash = qualified == null ? -1 : qualified.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("Not a blob key: " + qualified);
        }
        return new BlobKey(qualified.substring(0, slash), qualified.substring(slash + 1));
    }

    /** A key below this one: {@code F1} → {@code F1/thumb_64.png}. */
    public BlobKey child(String name) {
        return new BlobKey(workspaceId, path + "/" + name);
    }

    @Override
    public String toString() {
        return qualified();
    }
}
