package dev.parley.files.api;

import dev.parley.common.api.SlackApiException;
import dev.parley.files.metadata.StoredFile;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Slack's type groups of {@code files.list}'s {@code types}: images, pdfs, docs, snippets, zips, all. */
final class FileTypes {

    enum Group { IMAGES, PDFS, DOCS, SNIPPETS, ZIPS }

    private static final Set<String> DOCS = Set.of("doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp",
            "rtf", "csv", "gdoc", "gsheet", "gpres");
    private static final Set<String> ZIPS = Set.of("zip", "gzip", "tar", "7z", "rar", "bz2");

    private FileTypes() {
    }

    /** The groups a {@code types} argument names; empty (or {@code all}) for every file. */
    static Set<Group> parse(String types) {
        if (types == null || types.isBlank()) {
            return Set.of();
        }
        Set<Group> groups = EnumSet.noneOf(Group.class);
        for (String name : types.split(",")) {
            String t = name.strip().toLowerCase(Locale.ROOT);
            if (t.equals("all")) {
                return Set.of();
            }
            try {
                groups.add(Group.valueOf(t.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new SlackApiException("invalid_arguments", Map.of("response_metadata", Map.of("messages",
                        java.util.List.of("[ERROR] types are all, images, pdfs, docs, snippets or zips: " + t))));
            }
        }
        return groups;
    }

    static boolean matches(Set<Group> groups, StoredFile f) {
        if (groups.isEmpty()) {
            return true;
        }
        String mime = f.mimetype() == null ? "" : f.mimetype();
        String type = f.filetype() == null ? "" : f.filetype();
        for (Group g : groups) {
            boolean match = switch (g) {
                case IMAGES -> mime.startsWith("image/");
                case PDFS -> mime.equals("application/pdf");
                case DOCS -> DOCS.contains(type) || mime.startsWith("application/vnd.openxmlformats")
                        || mime.startsWith("application/vnd.oasis.opendocument") || mime.equals("application/msword")
                        || mime.startsWith("application/vnd.ms-");
                case SNIPPETS -> mime.startsWith("text/") && !mime.equals("text/html");
                case ZIPS -> ZIPS.contains(type) || mime.equals("application/zip") || mime.equals("application/gzip");
            };
            if (match) {
                return true;
            }
        }
        return false;
    }
}
