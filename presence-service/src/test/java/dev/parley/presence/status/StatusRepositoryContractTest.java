package dev.parley.presence.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.testing.TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The custom status store on every relational store adapter. */
abstract class StatusRepositoryContractTest {

    protected abstract TestStore createStore();

    private TestStore store;
    private StatusRepository statuses;

    @BeforeEach
    void open() {
        store = createStore();
        statuses = new StatusRepository(store.jdbc());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aStatusIsReplacedAsAWhole() {
        assertThat(statuses.find("T1", "U1")).isEmpty();

        statuses.save("T1", "U1", new CustomStatus("riding a train", ":mountain_railway:", 1532627506), 100);
        assertThat(statuses.find("T1", "U1")).contains(new CustomStatus("riding a train", ":mountain_railway:", 1532627506));

        statuses.save("T1", "U1", new CustomStatus("", ":books:", 0), 200);
        assertThat(statuses.find("T1", "U1")).contains(new CustomStatus("", ":books:", 0));
        assertThat(statuses.find("T2", "U1")).as("another workspace").isEmpty();
    }

    @Test
    void fullLengthTextOutsideTheBasicPlaneComesBackIntact() {
        String text = "🚂".repeat(StatusService.MAX_TEXT);
        statuses.save("T1", "U1", new CustomStatus(text, ":thumbsup::skin-tone-2:", 0), 100);
        assertThat(statuses.find("T1", "U1").orElseThrow().text()).isEqualTo(text);
    }
}
