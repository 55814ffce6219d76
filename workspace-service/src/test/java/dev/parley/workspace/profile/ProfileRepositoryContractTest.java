package dev.parley.workspace.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.testing.TestStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The profile store on every relational store adapter. */
abstract class ProfileRepositoryContractTest {

    protected abstract TestStore createStore();

    private TestStore store;
    private ProfileRepository profiles;

    @BeforeEach
    void open() {
        store = createStore();
        profiles = new ProfileRepository(store.jdbc());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aProfileIsEmptyUntilSavedThenReplacedAsAWhole() {
        assertThat(profiles.find("T1", "U1")).isEqualTo(Profile.EMPTY);

        profiles.save("T1", "U1", new Profile("ann", "Engineer", "+1 555", "Europe/Zurich", 10));
        assertThat(profiles.find("T1", "U1")).isEqualTo(new Profile("ann", "Engineer", "+1 555", "Europe/Zurich", 10));
        profiles.save("T1", "U1", new Profile("annie", "Engineer", "", "Europe/Zurich", 20));
        assertThat(profiles.find("T1", "U1")).isEqualTo(new Profile("annie", "Engineer", "", "Europe/Zurich", 20));
        assertThat(profiles.find("T2", "U1")).as("another workspace").isEqualTo(Profile.EMPTY);
    }

    @Test
    void profilesOfManyUsersComeInOneCall() {
        profiles.save("T1", "U1", new Profile("one", "", "", "", 1));
        profiles.save("T1", "U2", new Profile("two", "", "", "", 1));
        profiles.save("T2", "U3", new Profile("three", "", "", "", 1));

        assertThat(profiles.findAll("T1", List.of("U1", "U2", "U3", "U1")))
                .containsOnlyKeys("U1", "U2")
                .hasEntrySatisfying("U2", p -> assertThat(p.displayName()).isEqualTo("two"));
    }
}
