package dev.parley.files.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.testing.TestStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The files' tables on every relational store adapter, behind the sharding guard. */
abstract class FileTablesContractTest {

    protected abstract TestStore createStore();

    private TestStore store;
    private FileRepository files;
    private FileJobs jobs;

    @BeforeEach
    void open() {
        store = createStore();
        files = new FileRepository(store.jdbc());
        jobs = new FileJobs(store.jdbc());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static StoredFile uploading(String workspace, String id, String user, long created) {
        return new StoredFile(workspace, id, user, "cat.png", "cat.png", "a cat", 1234, "application/octet-stream",
                "binary", "Binary", FileStatus.UPLOADING, null, null, null, List.of(), null, created, false);
    }

    @Test
    void aFileGoesFromUploadingToReadyWithItsThumbnails() {
        files.insert(uploading("T1", "F1", "U1", 100));
        assertThat(files.find("T1", "F1")).get().extracting(StoredFile::status).isEqualTo(FileStatus.UPLOADING);
        assertThat(files.find("T2", "F1")).as("another workspace's id").isEmpty();

        assertThat(files.complete("T1", "F1", "My cat", 1234, "image/png", "png", "PNG")).isTrue();
        assertThat(files.complete("T1", "F1", "again", 1234, "image/png", "png", "PNG"))
                .as("completed once only").isFalse();
        List<StoredThumbnail> thumbs = List.of(new StoredThumbnail(64, 64, 48, "image/png"),
                new StoredThumbnail(1024, 1024, 768, "image/jpeg"));
        files.processed("T1", "F1", "image/png", "png", "PNG", 2048, 1536, thumbs, FileStatus.READY, null);

        StoredFile f = files.find("T1", "F1").orElseThrow();
        assertThat(f.status()).isEqualTo(FileStatus.READY);
        assertThat(f.title()).isEqualTo("My cat");
        assertThat(f.altTxt()).isEqualTo("a cat");
        assertThat(f.originalW()).isEqualTo(2048);
        assertThat(f.originalH()).isEqualTo(1536);
        assertThat(f.thumbnails()).isEqualTo(thumbs);
        assertThat(f.thumbnails().get(1).blobName()).isEqualTo("thumb_1024.jpg");

        files.setPublicSecret("T1", "F1", "abc123");
        assertThat(files.find("T1", "F1").orElseThrow().publicSecret()).isEqualTo("abc123");
        files.setStatus("T1", "F1", FileStatus.QUARANTINED, "Malware found: Eicar");
        assertThat(files.find("T1", "F1").orElseThrow().statusReason()).isEqualTo("Malware found: Eicar");
    }

    @Test
    void sharesTextAndDeletion() {
        files.insert(uploading("T1", "F1", "U1", 100));
        assertThat(files.addShare("T1", new FileShareRecord("F1", "C1", "1.000100", "channel", null, "U1", 101))).isTrue();
        assertThat(files.addShare("T1", new FileShareRecord("F1", "C1", "1.000100", "channel", null, "U1", 101)))
                .as("the same message once").isFalse();
        files.addShare("T1", new FileShareRecord("F1", "G1", "2.000100", "group", "1.000000", "U1", 102));
        assertThat(files.shares("T1", "F1")).extracting(FileShareRecord::channelId).containsExactly("C1", "G1");
        assertThat(files.shares("T1", "F1").get(1).threadTs()).isEqualTo("1.000000");
        assertThat(files.fileIdsIn("T1", "G1")).containsExactly("F1");
        assertThat(files.fileIdsIn("T2", "G1")).isEmpty();

        files.saveText("T1", "F1", "hello world");
        files.saveText("T1", "F1", "hello again");
        assertThat(files.text("T1", "F1")).contains("hello again");

        files.setPublicSecret("T1", "F1", "s");
        assertThat(files.markDeleted("T1", "F1")).isTrue();
        assertThat(files.markDeleted("T1", "F1")).as("deleted once").isFalse();
        StoredFile deleted = files.find("T1", "F1").orElseThrow();
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.publicSecret()).isNull();
        assertThat(files.text("T1", "F1")).isEmpty();
        assertThat(files.complete("T1", "F1", "t", 1, "a/b", "b", "B")).as("a deleted upload").isFalse();
    }

    @Test
    void listingIsNewestFirstByPositionAndLeavesOutUploadsAndDeletions() {
        for (int i = 1; i <= 5; i++) {
            files.insert(uploading("T1", "F" + i, i % 2 == 0 ? "U2" : "U1", 100 + i));
            files.complete("T1", "F" + i, "t", 1, "text/plain", "text", "Plain Text");
        }
        files.insert(uploading("T1", "F9", "U1", 200));
        files.insert(uploading("T2", "F7", "U1", 150));
        files.complete("T2", "F7", "t", 1, "text/plain", "text", "Plain Text");
        files.markDeleted("T1", "F3");

        assertThat(files.list("T1", null, 0, Long.MAX_VALUE, null, null, 10)).extracting(StoredFile::id)
                .containsExactly("F5", "F4", "F2", "F1");
        assertThat(files.list("T1", "U2", 0, Long.MAX_VALUE, null, null, 10)).extracting(StoredFile::id)
                .containsExactly("F4", "F2");
        assertThat(files.list("T1", null, 102, 104, null, null, 10)).extracting(StoredFile::id)
                .containsExactly("F4", "F2");
        assertThat(files.list("T1", null, 0, Long.MAX_VALUE, 104L, "F4", 10)).extracting(StoredFile::id)
                .containsExactly("F2", "F1");
    }

    @Test
    void jobsAreDueInOrderAndRetriedLater() {
        jobs.enqueue("T1", "F1", 1000);
        jobs.enqueue("T2", "F2", 500);
        jobs.enqueue("T1", "F3", 5000);
        assertThat(jobs.due(1000, 10)).extracting(FileJobs.Job::fileId).containsExactly("F2", "F1");

        jobs.retryLater("T2", "F2", 1, 3000, "x".repeat(FileJobs.MAX_ERROR + 10));
        FileJobs.Job retried = jobs.find("T2", "F2").orElseThrow();
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(retried.lastError()).hasSize(FileJobs.MAX_ERROR);
        assertThat(jobs.due(1000, 10)).extracting(FileJobs.Job::fileId).containsExactly("F1");

        jobs.enqueue("T1", "F3", 10);
        assertThat(jobs.due(1000, 10)).as("queued again: moved, not doubled").extracting(FileJobs.Job::fileId)
                .containsExactly("F3", "F1");
        jobs.finish("T1", "F3");
        jobs.finish("T1", "F1");
        assertThat(jobs.due(Long.MAX_VALUE, 10)).extracting(FileJobs.Job::fileId).containsExactly("F2");
    }
}
