package dev.parley.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.event.ChannelEvent;
import dev.parley.common.json.SlackJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamEventTest {

    private static String withSeq(String payload, long seq) {
        return new String(StreamEvent.withSeq(payload, seq), StandardCharsets.UTF_8);
    }

    @Test
    void seqIsAddedAsTheLastFieldOfATypicalPayload() {
        String payload = "{\"type\":\"message\",\"channel\":\"C1\",\"user\":\"U1\",\"text\":\"a } and a { in text\","
                + "\"ts\":\"1795463065.488164\",\"blocks\":[{\"type\":\"section\"}],\"edited\":{\"user\":\"U1\"}}";

        String framed = withSeq(payload, 42);

        assertThat(framed).endsWith(",\"seq\":42}");
        assertThat(SlackJson.tree(framed)).isEqualTo(SlackJson.tree(payload.replaceFirst("}$", ",\"seq\":42}")));
        assertThat(SlackJson.tree(framed).path("text").asString()).isEqualTo("a } and a { in text");
    }

    @Test
    void anEmptyObjectGetsOnlyTheSeq() {
        assertThat(withSeq("{}", 1)).isEqualTo("{\"seq\":1}");
        assertThat(SlackJson.tree(withSeq("{ }", 2))).isEqualTo(SlackJson.tree("{\"seq\":2}"));
        assertThat(SlackJson.tree(withSeq("  {\n}\n", 3))).isEqualTo(SlackJson.tree("{\"seq\":3}"));
    }

    @Test
    void surroundingWhitespaceIsDroppedAndTheResultStaysValidJson() {
        String framed = withSeq("\n  {\"type\":\"reaction_added\", \"reaction\":\"+1\" }  \n", 7);

        assertThat(SlackJson.tree(framed).path("seq").asLong()).isEqualTo(7);
        assertThat(SlackJson.tree(framed).path("reaction").asString()).isEqualTo("+1");
    }

    @Test
    void anUnsequencedEventOrANonObjectIsLeftAsItIs() {
        assertThat(withSeq("{\"type\":\"user_typing\"}", 0)).isEqualTo("{\"type\":\"user_typing\"}");
        assertThat(withSeq("[1,2]", 5)).isEqualTo("[1,2]");
    }

    @Test
    void theFrameIsEncodedOnceFromTheEventsPayloadAndSeq() {
        ChannelEvent event = new ChannelEvent("T1", "C1", 9, "message", "{\"type\":\"message\",\"text\":\"hi\"}", null);

        StreamEvent se = StreamEvent.of(event);

        assertThat(new String(se.frame(), StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"message\",\"text\":\"hi\",\"seq\":9}");
        assertThat(se.channelId()).isEqualTo("C1");
        assertThat(se.seq()).isEqualTo(9);
    }

    @Test
    void membersAndWorkspaceEventsAreVisibleToEveryoneAndUsersEventsOnlyToThoseNamed() {
        StreamEvent members = event(ChannelEvent.Routing.MEMBERS);
        StreamEvent workspace = event(ChannelEvent.Routing.WORKSPACE);
        StreamEvent users = event(ChannelEvent.Routing.users(List.of("U1", "U2")));

        assertThat(members.visibleTo("U9")).isTrue();
        assertThat(workspace.visibleTo("U9")).isTrue();
        assertThat(users.visibleTo("U1")).isTrue();
        assertThat(users.visibleTo("U2")).isTrue();
        assertThat(users.visibleTo("U9")).isFalse();
    }

    @Test
    void onlyTheUsersAnEventLeavesWithAreLeaving() {
        StreamEvent leave = event(ChannelEvent.Routing.MEMBERS.leaving(List.of("U2")));
        StreamEvent join = event(ChannelEvent.Routing.MEMBERS.joining(List.of("U2")));

        assertThat(leave.leaves("U2")).isTrue();
        assertThat(leave.leaves("U1")).isFalse();
        assertThat(leave.visibleTo("U2")).as("the leaver still sees its own leaving").isTrue();
        assertThat(join.leaves("U2")).isFalse();
    }

    private static StreamEvent event(ChannelEvent.Routing routing) {
        return StreamEvent.of(new ChannelEvent("T1", "C1", 3, "message", "{\"type\":\"message\"}", routing));
    }
}
