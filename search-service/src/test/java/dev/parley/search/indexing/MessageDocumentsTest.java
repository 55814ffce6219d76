package dev.parley.search.indexing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.common.json.SlackJson;
import dev.parley.messaging.client.MessagingClient;
import dev.parley.search.IndexedMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Slack markup reduced to the words a reader sees, and what a message's document holds. */
class MessageDocumentsTest {

    @Test
    void markupIsReducedToWords() {
        assertThat(MessageDocuments.words("hi <@U1> and <@U2|bob>")).isEqualTo("hi and bob");
        assertThat(MessageDocuments.words("see <http://x.test/a|the docs> or <https://y.test>"))
                .isEqualTo("see the docs http://x.test/a or https://y.test");
        assertThat(MessageDocuments.words("*bold* _italic_ ~gone~ `code` snake_case_name"))
                .isEqualTo("bold italic gone code snake_case_name");
        assertThat(MessageDocuments.words("<!here> <!subteam^S1|@devs> in <#C1|general>")).isEqualTo("here devs in general");
        assertThat(MessageDocuments.words("a &lt;b&gt; &amp; c <mailto:ann@x.test|ann@x.test>"))
                .isEqualTo("a <b> & c ann@x.test");
        assertThat(MessageDocuments.words("```\nfenced()\n```")).isEqualTo("fenced()");
    }

    @Test
    void blocksAndAttachmentsAreSearchedWithTheirMentionsAndLinks() {
        String message = """
                {"type":"message","user":"U1","text":"","ts":"1700000000.000200","blocks":[
                  {"type":"rich_text","elements":[{"type":"rich_text_section","elements":[
                    {"type":"text","text":"ping "},{"type":"user","user_id":"U7"},
                    {"type":"link","url":"https://z.test","text":"dashboard"}]}]},
                  {"type":"section","text":{"type":"mrkdwn","text":"*Quarterly* report"}}]}""";
        IndexedMessage doc = MessageDocuments.fromEvent("T1", "C1", SlackJson.tree(message)).orElseThrow();
        assertThat(doc.searchText()).contains("ping").contains("dashboard").contains("Quarterly report");
        assertThat(doc.mentions()).containsExactly("U7");
        assertThat(doc.hasLink()).isTrue();
        assertThat(doc.tsMicros()).isEqualTo(1_700_000_000_000_200L);
    }

    @Test
    void channelRecordsAreNoDocumentsAndAMessageWithoutTsIsUnreadable() {
        assertThat(MessageDocuments.fromEvent("T1", "C1", SlackJson.tree(
                "{\"subtype\":\"channel_topic\",\"text\":\"set the topic\",\"ts\":\"1.000001\"}"))).isEmpty();
        assertThat(MessageDocuments.fromEvent("T1", "C1", SlackJson.tree(
                "{\"subtype\":\"tombstone\",\"text\":\"This message was deleted.\",\"ts\":\"1.000001\"}"))).isEmpty();
        assertThatThrownBy(() -> MessageDocuments.fromEvent("T1", "C1", SlackJson.tree("{\"text\":\"x\"}")))
                .isInstanceOf(MessageDocuments.Unreadable.class);
        assertThatThrownBy(() -> MessageDocuments.fromEvent("T1", "C1", SlackJson.tree("[1]")))
                .isInstanceOf(MessageDocuments.Unreadable.class);
    }

    @Test
    void theFilesAMessageSharesAreItsFileIdsFromAnEventOrTheStoreButNotDeletedOnes() {
        String shared = """
                {"type":"message","user":"U1","text":"the deck","ts":"1700000000.000300","upload":true,
                 "display_as_bot":false,"files":[{"id":"F1","name":"deck.pdf","mimetype":"application/pdf"},
                 {"id":"F2","mode":"tombstone"},{"id":"F3","name":"chart.png"}]}""";
        IndexedMessage fromEvent = MessageDocuments.fromEvent("T1", "C1", SlackJson.tree(shared)).orElseThrow();
        assertThat(fromEvent.fileIds()).containsExactly("F1", "F3");
        assertThat(fromEvent.text()).isEqualTo("the deck");

        IndexedMessage onlyFiles = MessageDocuments.fromEvent("T1", "C1", SlackJson.tree(
                "{\"type\":\"message\",\"user\":\"U1\",\"text\":\"\",\"ts\":\"1.000002\",\"files\":[{\"id\":\"F9\"}]}"))
                .orElseThrow();
        assertThat(onlyFiles.fileIds()).as("a file without a comment is still a document").containsExactly("F9");
        assertThat(MessageDocuments.fromEvent("T1", "C1", SlackJson.tree(
                "{\"type\":\"message\",\"user\":\"U1\",\"text\":\"plain\",\"ts\":\"1.000003\"}")).orElseThrow()
                .fileIds()).isEmpty();

        MessagingClient.StoredMessage stored = new MessagingClient.StoredMessage("T1", "C1", "1700000000.000300", null, 0,
                "U1", null, null, "the deck", null, null, List.of(), false, List.of("F1", "F3"));
        assertThat(MessageDocuments.fromStored(stored).orElseThrow().fileIds()).containsExactly("F1", "F3");
        MessagingClient.StoredMessage older = new MessagingClient.StoredMessage("T1", "C1", "1700000000.000400", null, 0,
                "U1", null, null, "no files", null, null, List.of(), false);
        assertThat(MessageDocuments.fromStored(older).orElseThrow().fileIds()).isEmpty();
    }
}
