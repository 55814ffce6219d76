package dev.parley.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The wire mapper's nesting limits: whatever it read, it can write back inside an envelope. */
class SlackJsonTest {

    @Test
    void theDeepestDocumentReadCanBeWrittenInsideAnEnvelope() {
        int depth = SlackJson.MAX_READ_DEPTH - 1;
        JsonNode blocks = SlackJson.tree("{\"b\":" + "[".repeat(depth) + "]".repeat(depth) + "}").get("b");
        String written = SlackJson.write(Map.of("ok", true, "messages", List.of(Map.of("message", Map.of("blocks", blocks)))));
        assertThat(written).contains("[".repeat(depth));
    }

    @Test
    void aDocumentDeeperThanTheReadLimitIsRefused() {
        int depth = SlackJson.MAX_READ_DEPTH + 1;
        assertThatThrownBy(() -> SlackJson.tree("[".repeat(depth) + "]".repeat(depth)))
                .isInstanceOf(tools.jackson.core.JacksonException.class);
    }
}
