package dev.parley.workspace.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.testing.TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The incoming webhook store on every relational store adapter. */
abstract class WebhookRepositoryContractTest {

    protected abstract TestStore createStore();

    private TestStore store;
    private WebhookRepository webhooks;

    @BeforeEach
    void open() {
        store = createStore();
        webhooks = new WebhookRepository(store.jdbc());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Webhook add(String workspace, String id, String bot, String secretHash) {
        Webhook webhook = new Webhook(workspace, id, bot, "C1", "UADMIN", 1_700_000_000L, false);
        webhooks.insert(webhook, secretHash);
        return webhook;
    }

    @Test
    void aWebhookIsFoundByItsSecretsHashInItsWorkspaceOnly() {
        Webhook webhook = add("T1", "H1", "B1", "a".repeat(64));
        assertThat(webhooks.findBySecret("T1", "a".repeat(64))).contains(webhook);
        assertThat(webhooks.findBySecret("T1", "b".repeat(64))).isEmpty();
        assertThat(webhooks.findBySecret("T2", "a".repeat(64))).as("another workspace").isEmpty();
        assertThat(webhooks.find("T1", "H1")).contains(webhook);
    }

    @Test
    void liveWebhooksAreListedByWorkspaceOrBotUntilRevoked() {
        Webhook first = add("T1", "H1", "B1", "a".repeat(64));
        Webhook second = add("T1", "H2", "B2", "b".repeat(64));
        add("T2", "H3", "B1", "c".repeat(64));
        assertThat(webhooks.live("T1", null)).containsExactly(first, second);
        assertThat(webhooks.live("T1", "B2")).containsExactly(second);

        assertThat(webhooks.revoke("T1", "H1")).isTrue();
        assertThat(webhooks.revoke("T1", "H1")).as("already revoked").isFalse();
        assertThat(webhooks.live("T1", null)).containsExactly(second);
        assertThat(webhooks.findBySecret("T1", "a".repeat(64)).orElseThrow().revoked()).isTrue();
    }
}
