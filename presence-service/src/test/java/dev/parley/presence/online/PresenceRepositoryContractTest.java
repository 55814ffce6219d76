package dev.parley.presence.online;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.testing.TestStore;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The manual-away store on every relational store adapter. */
abstract class PresenceRepositoryContractTest {

    protected abstract TestStore createStore();

    private TestStore store;
    private PresenceRepository away;

    @BeforeEach
    void open() {
        store = createStore();
        away = new PresenceRepository(store.jdbc());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void awayIsSetOnceAndClearedOnce() {
        assertThat(away.awayAmong("T1", List.of("U1"))).isEmpty();
        assertThat(away.setAway("T1", "U1", 1000)).isTrue();
        assertThat(away.setAway("T1", "U1", 2000)).as("already away").isFalse();
        assertThat(away.awayAmong("T1", List.of("U1"))).containsExactly("U1");
        assertThat(away.awayAmong("T2", List.of("U1"))).as("another workspace").isEmpty();

        assertThat(away.clearAway("T1", "U1")).isTrue();
        assertThat(away.clearAway("T1", "U1")).as("no longer away").isFalse();
        assertThat(away.awayAmong("T1", List.of("U1"))).isEmpty();
    }

    @Test
    void awayAmongFindsTheAwayUsersOfOneWorkspaceInAnyNumber() {
        List<String> users = IntStream.range(0, 1200).mapToObj(i -> "U" + i).toList();
        away.setAway("T1", "U3", 1);
        away.setAway("T1", "U777", 1);
        away.setAway("T1", "U1199", 1);
        away.setAway("T2", "U4", 1);

        assertThat(away.awayAmong("T1", users)).containsExactlyInAnyOrder("U3", "U777", "U1199");
        assertThat(away.awayAmong("T1", List.of("U4", "U3", "U3"))).containsExactly("U3");
        assertThat(away.awayAmong("T2", users)).containsExactly("U4");
    }
}
