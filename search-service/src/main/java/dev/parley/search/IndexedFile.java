package dev.parley.search;

import java.util.List;
import java.util.Objects;

/**
 * One file as the index holds it: what {@code search.files} matches and filters on. A file is found through the
 * channels it is shared in: a caller who can read none of them never finds it.
 *
 * @param createdMicros when it was uploaded, in epoch microseconds: what {@code before:}/{@code after:} and time
 *                      sorting use
 * @param userId        the uploader, for {@code from:}
 * @param name          the file name ({@code report.pdf})
 * @param title         its title, shown (and highlighted) by a match
 * @param filetype      Slack's short type ({@code pdf}, {@code text}, …)
 * @param text          the text extracted from its content (empty when none could be), searched with name and title
 * @param channels      the channels it is shared in
 */
public record IndexedFile(String workspaceId, String fileId, long createdMicros, String userId, String name,
                          String title, String filetype, String text, List<String> channels) {

    public IndexedFile {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(fileId, "fileId");
        name = name == null ? "" : name;
        title = title == null || title.isEmpty() ? name : title;
        filetype = filetype == null ? "" : filetype;
        text = text == null ? "" : text;
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /** The words a query searches: title, name and content. */
    public String searchText() {
        return title + "\n" + name + "\n" + text;
    }

    public Key key() {
        return new Key(workspaceId, fileId);
    }

    /** What identifies a file in the index. */
    public record Key(String workspaceId, String fileId) {

        public Key {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(fileId, "fileId");
        }

        /** The document id: apart from every message's ({@code workspace:channel:ts}). */
        public String id() {
            return "file:" + workspaceId + ":" + fileId;
        }
    }
}
