package dev.parley.messaging.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stored message crosses the wire between services (the search indexer reads them over HTTP when distributed):
 * its file ids go with it, and a sender that leaves them out (an older messaging service) means no files.
 */
class StoredMessageJsonTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void fileIdsRoundTripAndAreEmptyWhenLeftOut() {
        MessagingClient.StoredMessage shared = new MessagingClient.StoredMessage("T1", "C1", "1.000001", null, 0, "U1",
                null, null, "deck", null, null, List.of("eyes"), true, List.of("F1", "F2"));
        MessagingClient.StoredMessages page = new MessagingClient.StoredMessages(List.of(shared), false);
        MessagingClient.StoredMessages read = json.readValue(json.writeValueAsString(page),
                MessagingClient.StoredMessages.class);
        assertThat(read.messages()).containsExactly(shared);
        assertThat(read.messages().getFirst().fileIds()).containsExactly("F1", "F2");

        MessagingClient.StoredMessage older = json.readValue("{\"workspaceId\":\"T1\",\"channelId\":\"C1\","
                + "\"ts\":\"1.000002\",\"replyCount\":0,\"userId\":\"U1\",\"text\":\"hi\",\"reactions\":[],"
                + "\"pinned\":false}", MessagingClient.StoredMessage.class);
        assertThat(older.fileIds()).isEmpty();
        assertThat(older.text()).isEqualTo("hi");
    }
}
