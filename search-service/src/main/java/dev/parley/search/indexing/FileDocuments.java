package dev.parley.search.indexing;

import dev.parley.files.client.FilesClient;
import dev.parley.search.IndexedFile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The index documents of files, read from the files service: a ready file shared somewhere becomes a document, any
 * other state (processing, quarantined, failed, deleted, unshared, unknown) none.
 */
@Component
class FileDocuments {

    /** Knows no file: for an indexer that serves no files service. */
    static final FileDocuments NONE = new FileDocuments(q -> new FilesClient.IndexableFiles(List.of()));

    private final Function<FilesClient.FilesQuery, FilesClient.IndexableFiles> source;

    // A provider: the files service's client (a proxy when it runs elsewhere) is made only once a message has files.
    @Autowired
    FileDocuments(ObjectProvider<FilesClient> files) {
        this(q -> files.getObject().indexable(q));
    }

    FileDocuments(Function<FilesClient.FilesQuery, FilesClient.IndexableFiles> source) {
        this.source = source;
    }

    /** Each id's document, or empty when the file is not (or no longer) searchable. */
    Map<String, Optional<IndexedFile>> documents(String workspaceId, Collection<String> fileIds) {
        Map<String, Optional<IndexedFile>> docs = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>(fileIds);
        for (int i = 0; i < ids.size(); i += FilesClient.MAX_IDS) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + FilesClient.MAX_IDS));
            chunk.forEach(id -> docs.put(id, Optional.empty()));
            for (FilesClient.IndexableFile f : source.apply(new FilesClient.FilesQuery(workspaceId, chunk)).files()) {
                if (f.searchable() && docs.containsKey(f.id())) {
                    docs.put(f.id(), Optional.of(new IndexedFile(workspaceId, f.id(), f.created() * 1_000_000L,
                            f.userId(), f.name(), f.title(), f.filetype(), f.text(), f.channels())));
                }
            }
        }
        return docs;
    }
}
