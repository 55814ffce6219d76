package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.files.FilesUploadV2Response;
import com.slack.api.methods.response.search.SearchAllResponse;
import com.slack.api.methods.response.search.SearchMessagesResponse;
import com.slack.api.model.MatchedItem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Search through the Web API as users and bots meet it: what is posted, edited, deleted, reacted to and pinned is
 * found with Slack's query language and answer shape, and a search never shows what the caller may not read now.
 * Indexing is asynchronous, so each test first waits until the index shows a change to someone who may see it, and
 * only then checks what others see: the positive control is the fence.
 */
interface SearchScenario {

    Duration INDEXED = Duration.ofSeconds(30);

    String apiUrl();

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    private static JsonNode matches(SlackClient who, String query, String... more) {
        List<String> args = new ArrayList<>(List.of("query", query, "count", "100"));
        args.addAll(List.of(more));
        return who.ok("search.messages", args.toArray(String[]::new)).path("messages").path("matches");
    }

    private static List<String> texts(JsonNode matches) {
        List<String> texts = new ArrayList<>();
        matches.forEach(m -> texts.add(m.path("text").asString()));
        return texts;
    }

    /** Waits until the query's matches satisfy the condition (the index caught up with a change), and returns them. */
    private static JsonNode awaitMatches(SlackClient who, String query, Predicate<JsonNode> condition, String... more) {
        Instant deadline = Instant.now().plus(INDEXED);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = matches(who, query, more);
            if (condition.test(last)) {
                return last;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("search.messages '" + query + "' never satisfied the condition within " + INDEXED
                + "; last matches: " + last);
    }

    private static Predicate<JsonNode> hasText(String text) {
        return matches -> texts(matches).contains(text);
    }

    private static Predicate<JsonNode> lacksText(String text) {
        return matches -> !texts(matches).contains(text);
    }

    private MethodsClient sdk(String token) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl() + "/api/");
        return Slack.getInstance(config).methods(token);
    }

    @Test
    default void aPostIsFoundThroughTheOfficialSdkInSlacksShape() throws Exception {
        TestTeam team = TestTeam.create(apiUrl(), 2);
        TestTeam.Member ann = team.get(0);
        String word = unique("roadmap");
        String channelName = unique("plans-");
        String channel = ann.api().ok("conversations.create", "name", channelName).path("channel").path("id").asString();
        String text = "The quarterly " + word + " review moved to Friday";
        String ts = ann.api().ok("chat.postMessage", "channel", channel, "text", text).path("ts").asString();
        ann.api().ok("chat.postMessage", "channel", channel, "text", "Lunch is at noon today");
        awaitMatches(ann.api(), word, hasText(text));

        SearchMessagesResponse found = sdk(ann.token()).searchMessages(r -> r.query(word).count(20).highlight(true));
        assertThat(found.isOk()).as("search.messages: %s", found.getError()).isTrue();
        assertThat(found.getQuery()).isEqualTo(word);
        assertThat(found.getMessages().getTotal()).isEqualTo(1);
        MatchedItem match = found.getMessages().getMatches().getFirst();
        assertThat(match.getTs()).isEqualTo(ts);
        assertThat(match.getUser()).isEqualTo(ann.id());
        assertThat(match.getUsername()).isEqualTo(ann.name());
        assertThat(match.getChannel().getId()).isEqualTo(channel);
        assertThat(match.getChannel().getName()).isEqualTo(channelName);
        assertThat(match.getText()).contains("\uE000" + word + "\uE001");
        assertThat(match.getPermalink()).contains(channel).contains(ts.replace(".", ""));
        assertThat(found.getMessages().getPaging().getTotal()).isEqualTo(1);
        assertThat(found.getMessages().getPaging().getPage()).isEqualTo(1);
        assertThat(found.getMessages().getPagination().getTotalCount()).isEqualTo(1);

        SearchAllResponse all = sdk(ann.token()).searchAll(r -> r.query(word));
        assertThat(all.isOk()).as("search.all: %s", all.getError()).isTrue();
        assertThat(all.getMessages().getMatches()).extracting(MatchedItem::getTs).containsExactly(ts);
        assertThat(all.getFiles()).isNotNull();

        // As in Slack, search is for people: a bot token is told so.
        JsonNode install = ann.api().ok("admin.apps.install", "name", unique("finder"), "scopes", "search:read,chat:write");
        SearchMessagesResponse byBot = sdk(install.path("access_token").asString()).searchMessages(r -> r.query(word));
        assertThat(byBot.isOk()).isFalse();
        assertThat(byBot.getError()).isEqualTo("not_allowed_token_type");
    }

    @Test
    default void uploadedFilesAreFoundByAWordInsideThemAndByTitleOnlyByThoseWhoMayReadThem() {
        TestTeam team = TestTeam.create(apiUrl(), 2);
        TestTeam.Member ann = team.get(0);
        TestTeam.Member bob = team.get(1);
        String inside = unique("okapi");
        String titled = unique("ledger");
        String noted = unique("tapir");
        String shared = unique("quokka");
        String secret = ann.api().ok("conversations.create", "name", unique("finance-"), "is_private", "true")
                .path("channel").path("id").asString();
        String open = ann.api().ok("conversations.create", "name", unique("lobby-")).path("channel").path("id")
                .asString();
        ann.api().ok("conversations.invite", "channel", open, "users", bob.id());

        MethodsClient slack = sdk(ann.token());
        FilesUploadV2Response text = call(() -> slack.filesUploadV2(r -> r.channel(secret)
                .content("Standup notes: the " + noted + " project is on track").filename("notes.txt")
                .title("Standup notes")));
        assertThat(text.isOk()).as("filesUploadV2 of a text file: %s", text.getError()).isTrue();
        FilesUploadV2Response pdf = call(() -> slack.filesUploadV2(r -> r.channel(secret)
                .fileData(pdf("Quarterly figures and the " + inside + " forecast")).filename("figures.pdf")
                .title(titled + " figures")));
        assertThat(pdf.isOk()).as("filesUploadV2 of a PDF: %s", pdf.getError()).isTrue();
        String pdfId = pdf.getFile().getId();

        // Processed and indexed: ann finds the PDF by a word that is only inside it.
        JsonNode found = awaitFiles(ann.api(), inside, m -> ids(m).contains(pdfId));
        assertThat(ids(found)).containsExactly(pdfId);
        assertThat(found.get(0).path("name").asString()).isEqualTo("figures.pdf");
        assertThat(found.get(0).path("filetype").asString()).isEqualTo("pdf");
        // By its title, and the text file by a word inside it.
        assertThat(ids(fileMatches(ann.api(), titled))).containsExactly(pdfId);
        assertThat(ids(awaitFiles(ann.api(), noted, m -> m.size() == 1))).containsExactly(text.getFile().getId());
        // The SDK reads the answer, and search.all carries the files too.
        var sdkFound = call(() -> slack.searchFiles(r -> r.query(inside)));
        assertThat(sdkFound.isOk()).as("search.files: %s", sdkFound.getError()).isTrue();
        assertThat(sdkFound.getFiles().getTotal()).isEqualTo(1);
        assertThat(sdkFound.getFiles().getMatches().getFirst().getId()).isEqualTo(pdfId);
        SearchAllResponse all = call(() -> slack.searchAll(r -> r.query(inside)));
        assertThat(all.getFiles().getMatches()).extracting(MatchedItem::getId).containsExactly(pdfId);

        // Bob is no member of the private channel. Fence: a file shared where he may read reaches his search...
        FilesUploadV2Response visible = call(() -> slack.filesUploadV2(r -> r.channel(open)
                .content("Lobby notice about the " + shared + " and the " + inside + " forecast")
                .filename("notice.txt").title("Notice")));
        assertThat(visible.isOk()).as("filesUploadV2 in the open channel: %s", visible.getError()).isTrue();
        awaitFiles(bob.api(), shared, m -> ids(m).contains(visible.getFile().getId()));
        // ...then the PDF never does, by its words, its title or its name.
        assertThat(ids(fileMatches(bob.api(), inside))).containsExactly(visible.getFile().getId());
        assertThat(fileMatches(bob.api(), titled).size()).isZero();
        assertThat(fileMatches(bob.api(), "figures.pdf").size()).isZero();
        assertThat(fileMatches(bob.api(), noted).size()).isZero();
    }

    private static JsonNode fileMatches(SlackClient who, String query) {
        return who.ok("search.files", "query", query, "count", "100").path("files").path("matches");
    }

    private static List<String> ids(JsonNode matches) {
        List<String> ids = new ArrayList<>();
        matches.forEach(m -> ids.add(m.path("id").asString()));
        return ids;
    }

    /** Waits until search.files answers as expected (the file was processed and indexed), and returns the matches. */
    private static JsonNode awaitFiles(SlackClient who, String query, Predicate<JsonNode> condition) {
        Instant deadline = Instant.now().plus(INDEXED);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = fileMatches(who, query);
            if (condition.test(last)) {
                return last;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("search.files '" + query + "' never satisfied the condition within " + INDEXED
                + "; last matches: " + last);
    }

    /** A call of the SDK, its checked exceptions made unchecked. */
    private static <T> T call(java.util.concurrent.Callable<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A one-page PDF with the text, made with PDFBox so that no binary fixture is committed. */
    private static byte[] pdf(String text) {
        try (org.apache.pdfbox.pdmodel.PDDocument document = new org.apache.pdfbox.pdmodel.PDDocument();
             java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            org.apache.pdfbox.pdmodel.PDPage page = new org.apache.pdfbox.pdmodel.PDPage();
            document.addPage(page);
            try (var content = new org.apache.pdfbox.pdmodel.PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(
                        org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
            document.save(out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    default void theQueryLanguageNarrowsByPersonPlaceTimeAndWhatAMessageHas() {
        TestTeam team = TestTeam.create(apiUrl(), 2);
        TestTeam.Member ann = team.get(0);
        TestTeam.Member bob = team.get(1);
        String tag = unique("zq");
        String planning = unique("planning-");
        String random = unique("random-");
        String planningId = ann.api().ok("conversations.create", "name", planning).path("channel").path("id").asString();
        String randomId = ann.api().ok("conversations.create", "name", random).path("channel").path("id").asString();
        ann.api().ok("conversations.invite", "channel", planningId, "users", bob.id());
        ann.api().ok("conversations.invite", "channel", randomId, "users", bob.id());

        String deploy = tag + " the deploy of release candidate two went fine";
        String scattered = tag + " release notes and a candidate list for two teams";
        String link = tag + " dashboard at <https://grafana.example.com/d/abc|grafana>";
        String pinned = tag + " pinned agenda for the offsite";
        String reacted = tag + " who wants tacos";
        String parent = tag + " thread about the migration";
        String reply = tag + " reply about the migration plan";
        String deployTs = ann.api().ok("chat.postMessage", "channel", planningId, "text", deploy).path("ts").asString();
        bob.api().ok("chat.postMessage", "channel", planningId, "text", scattered);
        bob.api().ok("chat.postMessage", "channel", randomId, "text", link);
        String pinnedTs = ann.api().ok("chat.postMessage", "channel", randomId, "text", pinned).path("ts").asString();
        ann.api().ok("pins.add", "channel", randomId, "timestamp", pinnedTs);
        String reactedTs = bob.api().ok("chat.postMessage", "channel", randomId, "text", reacted).path("ts").asString();
        ann.api().ok("reactions.add", "channel", randomId, "timestamp", reactedTs, "name", "taco");
        String parentTs = ann.api().ok("chat.postMessage", "channel", planningId, "text", parent).path("ts").asString();
        bob.api().ok("chat.postMessage", "channel", planningId, "text", reply, "thread_ts", parentTs);
        // The last change of each kind is in the index once these see it.
        awaitMatches(ann.api(), tag, m -> texts(m).contains(reply) && texts(m).size() == 7);
        awaitMatches(ann.api(), tag + " has::taco:", hasText(reacted));
        awaitMatches(ann.api(), tag + " has:pin", hasText(pinned));

        assertThat(texts(matches(ann.api(), tag + " from:@" + bob.name())))
                .containsExactlyInAnyOrder(scattered, link, reacted, reply);
        assertThat(texts(matches(ann.api(), tag + " from:<@" + ann.id() + ">")))
                .containsExactlyInAnyOrder(deploy, pinned, parent);
        assertThat(texts(matches(bob.api(), tag + " from:me")))
                .containsExactlyInAnyOrder(scattered, link, reacted, reply);
        assertThat(texts(matches(ann.api(), tag + " in:#" + random)))
                .containsExactlyInAnyOrder(link, pinned, reacted);
        assertThat(texts(matches(ann.api(), tag + " in:<#" + planningId + ">")))
                .containsExactlyInAnyOrder(deploy, scattered, parent, reply);
        assertThat(texts(matches(ann.api(), tag + " \"release candidate two\""))).containsExactly(deploy);
        assertThat(texts(matches(ann.api(), tag + " release candidate two"))).startsWith(deploy).contains(scattered);
        assertThat(texts(matches(ann.api(), tag + " migration -reply"))).containsExactly(parent);
        assertThat(texts(matches(ann.api(), tag + " migr*"))).containsExactlyInAnyOrder(parent, reply);
        assertThat(texts(matches(ann.api(), tag + " has:link"))).containsExactly(link);
        assertThat(texts(matches(ann.api(), tag + " has:pin"))).containsExactly(pinned);
        assertThat(texts(matches(ann.api(), tag + " has:reaction"))).containsExactly(reacted);
        assertThat(texts(matches(ann.api(), tag + " is:thread"))).containsExactlyInAnyOrder(parent, reply);
        assertThat(texts(matches(ann.api(), tag + " tacso"))).as("a typo").containsExactly(reacted);
        assertThat(texts(matches(ann.api(), tag + " after:2000-01-01 before:2999-01-01"))).hasSize(7);
        assertThat(texts(matches(ann.api(), tag + " before:2000-01-01"))).isEmpty();
        // Only filters: everything of bob's in random.
        assertThat(matches(ann.api(), "from:@" + bob.name() + " in:#" + random).size()).isEqualTo(2);
        // Sorted by time, oldest first.
        assertThat(matches(ann.api(), tag, "sort", "timestamp", "sort_dir", "asc").get(0).path("ts").asString())
                .isEqualTo(deployTs);
        // Pages.
        JsonNode page2 = ann.api().ok("search.messages", "query", tag, "count", "3", "page", "2").path("messages");
        assertThat(page2.path("matches").size()).isEqualTo(3);
        assertThat(page2.path("paging").path("pages").asInt()).isEqualTo(3);
        assertThat(page2.path("paging").path("total").asInt()).isEqualTo(7);
    }

    @Test
    default void editsDeletesRenamesAndRemovalsAreReflected() {
        TestTeam team = TestTeam.create(apiUrl(), 2);
        TestTeam.Member ann = team.get(0);
        String before = unique("draft");
        String after = unique("final");
        String gone = unique("oops");
        String name = unique("ops-");
        String channel = ann.api().ok("conversations.create", "name", name).path("channel").path("id").asString();
        String ts = ann.api().ok("chat.postMessage", "channel", channel, "text", "the " + before + " copy").path("ts").asString();
        String goneTs = ann.api().ok("chat.postMessage", "channel", channel, "text", "typed " + gone).path("ts").asString();
        awaitMatches(ann.api(), before, hasText("the " + before + " copy"));
        awaitMatches(ann.api(), gone, hasText("typed " + gone));

        ann.api().ok("chat.update", "channel", channel, "ts", ts, "text", "the " + after + " copy");
        ann.api().ok("chat.delete", "channel", channel, "ts", goneTs);
        awaitMatches(ann.api(), after, hasText("the " + after + " copy"));
        awaitMatches(ann.api(), gone, lacksText("typed " + gone));
        assertThat(matches(ann.api(), before).size()).as("the text before the edit").isZero();

        String renamed = unique("renamed-");
        ann.api().ok("conversations.rename", "channel", channel, "name", renamed);
        assertThat(matches(ann.api(), after).get(0).path("channel").path("name").asString()).isEqualTo(renamed);
        assertThat(texts(matches(ann.api(), after + " in:#" + renamed))).containsExactly("the " + after + " copy");
        ann.api().ok("conversations.archive", "channel", channel);
        assertThat(texts(matches(ann.api(), after))).as("archived channels stay searchable")
                .containsExactly("the " + after + " copy");
    }

    @Test
    default void aSearchNeverShowsWhatTheCallerMayNotReadNow() {
        TestTeam team = TestTeam.create(apiUrl(), 3);
        TestTeam.Member ann = team.get(0);
        TestTeam.Member bob = team.get(1);
        TestTeam.Member carol = team.get(2);
        TestTeam.Member gus = team.add("guest");
        TestTeam other = TestTeam.create(apiUrl(), 1);
        String tag = unique("vault");
        String vaultName = unique("vault-");
        String vault = ann.api().ok("conversations.create", "name", vaultName, "is_private", "true")
                .path("channel").path("id").asString();
        ann.api().ok("conversations.invite", "channel", vault, "users", carol.id());
        String lobby = ann.api().ok("conversations.create", "name", unique("lobby-")).path("channel").path("id").asString();
        ann.api().ok("conversations.invite", "channel", lobby, "users", gus.id());
        String plaza = ann.api().ok("conversations.create", "name", unique("plaza-")).path("channel").path("id").asString();
        String dm = ann.api().ok("conversations.open", "users", carol.id()).path("channel").path("id").asString();
        String secret = tag + " combination is 1234";
        String dmSecret = tag + " direct note for carol";
        String open = tag + " plaza is open to all";
        String guestOk = tag + " lobby news for everyone here";
        ann.api().ok("chat.postMessage", "channel", vault, "text", secret);
        ann.api().ok("chat.postMessage", "channel", dm, "text", dmSecret);
        ann.api().ok("chat.postMessage", "channel", plaza, "text", open);
        ann.api().ok("chat.postMessage", "channel", lobby, "text", guestOk);
        // The fence: carol sees everything she may, so all of it is indexed before the others look.
        awaitMatches(carol.api(), tag, m -> texts(m).containsAll(List.of(secret, dmSecret, open, guestOk)));

        assertThat(texts(matches(bob.api(), tag))).as("a member outside the private channel and the DM")
                .containsExactlyInAnyOrder(open, guestOk);
        assertThat(matches(bob.api(), tag + " in:#" + vaultName).size()).as("in: a private channel of others").isZero();
        assertThat(matches(bob.api(), tag + " in:<#" + vault + ">").size()).isZero();
        assertThat(texts(matches(gus.api(), tag))).as("a guest").containsExactly(guestOk);
        assertThat(matches(other.get(0).api(), tag).size()).as("another workspace").isZero();
        JsonNode all = bob.api().ok("search.all", "query", tag);
        assertThat(all.toString()).doesNotContain(secret).doesNotContain(dmSecret).doesNotContain(vault);

        // Removed from the private channel, carol stops finding it at once; the DM stays hers.
        ann.api().ok("conversations.kick", "channel", vault, "user", carol.id());
        assertThat(texts(matches(carol.api(), tag))).containsExactlyInAnyOrder(dmSecret, open, guestOk);
    }

    @Test
    default void aMalformedSearchGetsASlackErrorAndTheServerStaysUp() {
        TestTeam team = TestTeam.create(apiUrl(), 1);
        SlackClient ann = team.get(0).api();
        for (String[] call : List.of(new String[] {},
                new String[] {"query", ""},
                new String[] {"query", "   "},
                new String[] {"query", "x", "count", "lots"},
                new String[] {"query", "x", "sort", "random"},
                new String[] {"query", "x", "sort_dir", "sideways"},
                new String[] {"query", "before:yesterday-ish"},
                new String[] {"query", "on:2024-13-45"},
                new String[] {"query", "during:smarch"},
                new String[] {"query", "has:banana"})) {
            JsonNode answer = ann.call("search.messages", call);
            assertThat(answer.path("ok").asBoolean()).as("search.messages %s: %s", List.of(call), answer).isFalse();
            assertThat(answer.path("error").asString("")).as("search.messages %s", List.of(call)).isNotEmpty();
        }
        assertThat(ann.ok("search.messages", "query", "\"unbalanced").path("ok").asBoolean()).isTrue();
        assertThat(ann.ok("search.messages", "query", "from:@nobody-here").path("messages").path("matches").size())
                .isZero();
    }
}
