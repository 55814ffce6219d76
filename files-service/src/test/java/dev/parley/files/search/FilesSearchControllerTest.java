package dev.parley.files.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.channel.client.ChannelClient;
import dev.parley.common.testing.PartialFake;
import dev.parley.common.testing.TestStore;
import dev.parley.files.access.FileAccess;
import dev.parley.files.access.FileObjects;
import dev.parley.files.access.FileUrls;
import dev.parley.files.client.FilesClient;
import dev.parley.files.metadata.FileRepository;
import dev.parley.files.metadata.FileShareRecord;
import dev.parley.files.metadata.FileStatus;
import dev.parley.files.metadata.StoredFile;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** What search reads of files, on the real tables (H2): the indexable state, and file objects rendered per viewer. */
class FilesSearchControllerTest {

    private TestStore store;
    private FileRepository files;
    private FilesSearchController controller;

    @BeforeEach
    void open() {
        store = TestStore.h2("files");
        files = new FileRepository(store.jdbc());
        // The channel service's stand-in: U1 reads C1 and G1, U2 only C1.
        ChannelClient channels = PartialFake.of(ChannelClient.class, new Object() {
            public ChannelClient.ChannelSummaries readableChannels(ChannelClient.ReadableQuery q) {
                List<ChannelClient.ChannelSummary> readable = new java.util.ArrayList<>();
                readable.add(new ChannelClient.ChannelSummary("C1", "general", "channel", false, null));
                if (q.userId().equals("U1")) {
                    readable.add(new ChannelClient.ChannelSummary("G1", "secret", "group", false, null));
                }
                return new ChannelClient.ChannelSummaries(readable);
            }
        });
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("channels", channels);
        controller = new FilesSearchController(files, new FileAccess(beans.getBeanProvider(ChannelClient.class)),
                new FileObjects(new FileUrls(URI.create("http://files.test/"))));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void file(String id, FileStatus status, String text, String... channels) {
        files.insert(new StoredFile("T1", id, "U1", id + ".pdf", "Title " + id, null, 10, "application/pdf", "pdf",
                "PDF", status, null, null, null, List.of(), null, 1_700_000_000L, false));
        int n = 0;
        for (String c : channels) {
            files.addShare("T1", new FileShareRecord(id, c, "1700000000.00000" + (++n), c.startsWith("G") ? "group"
                    : "channel", null, "U1", 1_700_000_001L));
        }
        if (text != null) {
            files.saveText("T1", id, text);
        }
    }

    @Test
    void indexableFilesCarryTheirSharesTextAndStatus() {
        file("F1", FileStatus.READY, "the okapi forecast", "C1", "G1");
        file("F2", FileStatus.QUARANTINED, null, "C1");
        file("F3", FileStatus.READY, "unshared");

        List<FilesClient.IndexableFile> found = controller.indexable(new FilesClient.FilesQuery("T1",
                List.of("F1", "F2", "F3", "F9", "F1"))).files();
        assertThat(found).extracting(FilesClient.IndexableFile::id).containsExactly("F1", "F2", "F3");
        FilesClient.IndexableFile f1 = found.getFirst();
        assertThat(f1.channels()).containsExactly("C1", "G1");
        assertThat(f1.text()).isEqualTo("the okapi forecast");
        assertThat(f1.name()).isEqualTo("F1.pdf");
        assertThat(f1.title()).isEqualTo("Title F1");
        assertThat(f1.filetype()).isEqualTo("pdf");
        assertThat(f1.created()).isEqualTo(1_700_000_000L);
        assertThat(f1.searchable()).isTrue();
        assertThat(found.get(1).status()).isEqualTo("quarantined");
        assertThat(found.get(1).searchable()).as("quarantined").isFalse();
        assertThat(found.get(2).searchable()).as("shared nowhere").isFalse();
        assertThat(controller.indexable(new FilesClient.FilesQuery("T2", List.of("F1"))).files())
                .as("another workspace").isEmpty();

        files.markDeleted("T1", "F1");
        FilesClient.IndexableFile deleted = controller.indexable(new FilesClient.FilesQuery("T1", List.of("F1")))
                .files().getFirst();
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.text()).isEmpty();
        assertThat(deleted.searchable()).isFalse();
    }

    @Test
    void objectsAreRenderedForTheViewerWithOnlyWhatTheyMayRead() {
        file("F1", FileStatus.READY, "text", "C1", "G1");
        file("F2", FileStatus.READY, "text", "G1");

        List<Map<String, Object>> forU1 = controller.objects(new FilesClient.ObjectsQuery("T1", "U1", "member",
                List.of("F2", "F1"))).files();
        assertThat(forU1).extracting(f -> f.get("id")).containsExactly("F2", "F1");
        assertThat(forU1.get(1).get("groups")).isEqualTo(List.of("G1"));

        List<Map<String, Object>> forU2 = controller.objects(new FilesClient.ObjectsQuery("T1", "U2", "member",
                List.of("F2", "F1"))).files();
        assertThat(forU2).extracting(f -> f.get("id")).as("F2 is only in a group U2 is not in").containsExactly("F1");
        assertThat(forU2.getFirst().get("channels")).isEqualTo(List.of("C1"));
        assertThat(forU2.getFirst().get("groups")).isEqualTo(List.of());
        assertThat(controller.objects(new FilesClient.ObjectsQuery("T1", "U2", "member", List.of())).files())
                .isEmpty();
    }
}
