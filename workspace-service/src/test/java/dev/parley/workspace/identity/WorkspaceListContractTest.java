package dev.parley.workspace.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.testing.TestStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Walking every workspace in pages (what the search indexer's reconcile sweep does), on every store adapter. */
abstract class WorkspaceListContractTest {

    protected abstract TestStore createStore();

    private TestStore store;
    private WorkspaceRepository workspaces;

    @BeforeEach
    void open() {
        store = createStore();
        workspaces = new WorkspaceRepository(store.jdbc());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void pagesWalkEveryWorkspaceOnceInIdOrder() {
        List<String> created = List.of("T05", "T01", "T04", "T02", "T03");
        for (String id : created) {
            assertThat(workspaces.insert(new Workspace(id, "Team " + id, "team-" + id.toLowerCase(), 1))).isTrue();
        }
        assertThat(workspaces.insert(new Workspace("T06", "Taken", "team-t01", 1))).as("a domain taken").isFalse();

        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        while (true) {
            List<String> page = workspaces.idsAfter(after, 2);
            pages++;
            seen.addAll(page);
            if (page.size() < 2) {
                break;
            }
            after = page.getLast();
        }
        assertThat(seen).containsExactly("T01", "T02", "T03", "T04", "T05");
        assertThat(pages).isEqualTo(3);
        assertThat(workspaces.idsAfter("T05", 10)).isEmpty();
    }
}
