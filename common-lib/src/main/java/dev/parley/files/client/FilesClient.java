package dev.parley.files.client;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** What other services (search) ask of the files service. In-process bean when co-located, HTTP otherwise. */
@HttpExchange("/internal/files")
public interface FilesClient {

    /** At most this many ids a call. */
    int MAX_IDS = 200;

    /**
     * What search indexes of each file named: its names, type, uploader, the channels it is shared in and its
     * extracted text. Ids that name no file are left out; deleted files come back with {@code deleted} set and no
     * text. No permission check: the caller serves every channel.
     */
    @PostExchange("/indexable")
    IndexableFiles indexable(@RequestBody FilesQuery query);

    /**
     * The files as {@code files.info} renders them to the viewer, in the order asked, with the shares the viewer may
     * see; a file the viewer may not read (or that is gone) is left out.
     */
    @PostExchange("/objects")
    RenderedFiles objects(@RequestBody ObjectsQuery query);

    record FilesQuery(String workspaceId, List<String> fileIds) {
    }

    /**
     * One file for the index.
     *
     * @param created  upload time, epoch seconds
     * @param status   {@code uploading}, {@code processing}, {@code ready}, {@code quarantined} or {@code error}: only
     *                 a ready file is searchable
     * @param channels the conversations it is shared in
     * @param text     its extracted text, empty when there is none
     */
    record IndexableFile(String id, String userId, String name, String title, String filetype, long created,
                         String status, boolean deleted, List<String> channels, String text) {

        /** Whether search may show it: processed clean, not deleted, shared somewhere. */
        public boolean searchable() {
            return "ready".equals(status) && !deleted && channels != null && !channels.isEmpty();
        }
    }

    record IndexableFiles(List<IndexableFile> files) {
    }

    /** A viewer (user and {@link dev.parley.common.auth.MemberRole} id) and the files to render for them. */
    record ObjectsQuery(String workspaceId, String userId, String role, List<String> fileIds) {
    }

    record RenderedFiles(List<Map<String, Object>> files) {
    }
}
