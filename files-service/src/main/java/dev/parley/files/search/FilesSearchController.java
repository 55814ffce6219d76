package dev.parley.files.search;

import dev.parley.common.auth.Caller;
import dev.parley.files.access.FileAccess;
import dev.parley.files.access.FileObjects;
import dev.parley.files.client.FilesClient;
import dev.parley.files.metadata.FileRepository;
import dev.parley.files.metadata.FileShareRecord;
import dev.parley.files.metadata.StoredFile;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.RestController;

/**
 * The files service's side of {@link FilesClient}, for search: what the index holds of a file, and the file objects a
 * search match shows. The bean co-located callers use, and its HTTP endpoint.
 */
@RestController
class FilesSearchController implements FilesClient {

    private final FileRepository files;
    private final FileAccess access;
    private final FileObjects objects;

    FilesSearchController(FileRepository files, FileAccess access, FileObjects objects) {
        this.files = files;
        this.access = access;
        this.objects = objects;
    }

    @Override
    public IndexableFiles indexable(FilesQuery query) {
        List<IndexableFile> found = new ArrayList<>();
        for (String id : ids(query.fileIds())) {
            Optional<StoredFile> stored = files.find(query.workspaceId(), id);
            if (stored.isEmpty()) {
                continue;
            }
            StoredFile f = stored.get();
            List<String> channels = files.shares(query.workspaceId(), id).stream().map(FileShareRecord::channelId)
                    .distinct().toList();
            String text = f.deleted() ? "" : files.text(query.workspaceId(), id).orElse("");
            found.add(new IndexableFile(f.id(), f.userId(), f.name(), f.title(), f.filetype(), f.created(),
                    f.status().id(), f.deleted(), channels, text));
        }
        return new IndexableFiles(found);
    }

    @Override
    public RenderedFiles objects(ObjectsQuery query) {
        List<String> ids = ids(query.fileIds());
        if (ids.isEmpty()) {
            return new RenderedFiles(List.of());
        }
        FileAccess.Readable readable = access.readable(new Caller(query.workspaceId(), query.userId(), query.role()));
        List<Map<String, Object>> rendered = new ArrayList<>();
        for (String id : ids) {
            Optional<StoredFile> stored = files.find(query.workspaceId(), id);
            if (stored.isEmpty()) {
                continue;
            }
            List<FileShareRecord> shares = files.shares(query.workspaceId(), id);
            if (readable.canRead(stored.get(), shares)) {
                rendered.add(objects.object(stored.get(), shares, readable::name));
            }
        }
        return new RenderedFiles(rendered);
    }

    /** The ids asked, once each, at most {@link #MAX_IDS}: a caller asking for more gets the first ones. */
    private static List<String> ids(List<String> asked) {
        if (asked == null) {
            return List.of();
        }
        return new LinkedHashSet<>(asked).stream().filter(id -> id != null && !id.isBlank()).limit(MAX_IDS).toList();
    }
}
