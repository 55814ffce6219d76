package dev.parley.workspace.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.testing.TestStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit log store on every relational store adapter: newest first, filters, cursor paging, idempotent ids. */
abstract class AuditRepositoryContractTest {

    protected abstract TestStore createStore();

    private TestStore store;
    private AuditRepository entries;

    @BeforeEach
    void open() {
        store = createStore();
        entries = new AuditRepository(store.jdbc());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void entry(String workspace, String id, long millis, String action, String actor, String entity) {
        entries.insert(new AuditEntry(workspace, id, millis, action, actor, entity, "{\"id\":\"" + id + "\"}"));
    }

    private List<String> ids(AuditRepository.Query q) {
        return entries.list(q).stream().map(AuditEntry::id).toList();
    }

    private static AuditRepository.Query all(String workspace) {
        return new AuditRepository.Query(workspace, List.of(), null, null, null, null, null, 100);
    }

    @Test
    void entriesComeNewestFirstAndAnIdIsStoredOnce() {
        entry("T1", "a", 1_000, "user_login", "U1", "U1");
        entry("T1", "b", 3_000, "user_created", "U1", "U2");
        entry("T1", "c", 2_000, "user_login", "U2", "U2");
        entry("T2", "d", 2_500, "user_login", "U9", "U9");

        assertThat(ids(all("T1"))).containsExactly("b", "c", "a");
        assertThat(entries.insert(new AuditEntry("T1", "a", 9_000, "x", "", "", "{}"))).isFalse();
        assertThat(ids(all("T1"))).containsExactly("b", "c", "a");
        assertThat(entries.list(all("T1")).getFirst().json()).isEqualTo("{\"id\":\"b\"}");
    }

    @Test
    void filtersByActionActorEntityAndTime() {
        entry("T1", "a", 1_000, "user_login", "U1", "U1");
        entry("T1", "b", 3_000, "user_created", "U1", "U2");
        entry("T1", "c", 2_000, "user_login_failed", "U2", "U2");
        entry("T1", "d", 4_999, "user_login", "U2", "U2");

        assertThat(ids(new AuditRepository.Query("T1", List.of("user_login"), null, null, null, null, null, 10)))
                .containsExactly("d", "a");
        assertThat(ids(new AuditRepository.Query("T1", List.of("user_login", "user_created"), null, null, null, null,
                null, 10))).containsExactly("d", "b", "a");
        assertThat(ids(new AuditRepository.Query("T1", List.of(), "U1", null, null, null, null, 10)))
                .containsExactly("b", "a");
        assertThat(ids(new AuditRepository.Query("T1", List.of(), null, "U2", null, null, null, 10)))
                .containsExactly("d", "b", "c");
        assertThat(ids(new AuditRepository.Query("T1", List.of(), null, null, 2L, 3L, null, 10)))
                .as("oldest and latest in seconds, both inclusive").containsExactly("b", "c");
        assertThat(ids(new AuditRepository.Query("T1", List.of(), null, null, null, 4L, null, 10))).containsExactly("d", "b", "c", "a");
    }

    @Test
    void pagesFollowOneAnotherWithoutGapsEvenWithinOneMillisecond() {
        entry("T1", "a", 1_000, "x", "", "");
        entry("T1", "b", 1_000, "x", "", "");
        entry("T1", "c", 1_000, "x", "", "");
        entry("T1", "d", 500, "x", "", "");

        List<AuditEntry> first = entries.list(new AuditRepository.Query("T1", List.of(), null, null, null, null, null, 2));
        assertThat(first).extracting(AuditEntry::id).containsExactly("c", "b");
        AuditEntry last = first.getLast();
        assertThat(ids(new AuditRepository.Query("T1", List.of(), null, null, null, null,
                new AuditRepository.Position(last.createdMillis(), last.id()), 10))).containsExactly("a", "d");
    }
}
