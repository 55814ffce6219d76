package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.chat.ChatDeleteResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.methods.response.conversations.ConversationsCreateResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsJoinResponse;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.methods.response.pins.PinsAddResponse;
import com.slack.api.methods.response.pins.PinsListResponse;
import com.slack.api.methods.response.reactions.ReactionsAddResponse;
import com.slack.api.methods.response.reactions.ReactionsGetResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.Message;
import com.slack.api.model.Reaction;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A bot's day, driven through the official Slack Java SDK pointed at Parley's base URL: it finds out who it is and
 * where its channel is, starts a thread with a plain and a broadcast reply, edits, reacts, pins and deletes, and
 * reads Slack's errors the way the SDK surfaces them. Each topology implements {@link #apiUrl()}.
 */
interface BotDayScenario {

    /** A Slack ts: seconds, a dot, six digits. */
    String TS = "\\d+\\.\\d{6}";

    /** The Web API base URL clients use (without {@code /api/}). */
    String apiUrl();

    /** The bot's SDK client and who it is; closing it releases the SDK's HTTP client. */
    record Bot(Slack slack, MethodsClient client, String userId, String userName, String realName, String teamId)
            implements AutoCloseable {

        @Override
        public void close() throws Exception {
            slack.close();
        }
    }

    /** A channel with a thread: a parent, a plain reply and a broadcast reply, posted in that order. */
    record BotThread(String channel, String parentTs, String replyTs, String broadcastTs) {
    }

    /** Bootstraps a fresh workspace over the Web API and hands its owner to the SDK. */
    private Bot bootstrapBot() {
        String domain = "bot-" + UUID.randomUUID().toString().substring(0, 8);
        String realName = "Robo Owner";
        JsonNode created = new SlackClient(apiUrl(), null).ok("workspaces.create", "name", "Bot day " + domain,
                "domain", domain, "email", "robo@" + domain + ".test", "password", "correct horse", "real_name", realName);
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl() + "/api/");
        Slack slack = Slack.getInstance(config);
        return new Bot(slack, slack.methods(created.path("token").asString()), created.path("user").path("id").asString(),
                created.path("user").path("name").asString(), realName, created.path("team").path("id").asString());
    }

    private static String createChannel(Bot bot) throws Exception {
        String name = "bots-day-" + UUID.randomUUID().toString().substring(0, 8);
        ConversationsCreateResponse created = bot.client().conversationsCreate(r -> r.name(name));
        assertThat(created.isOk()).as(created.toString()).isTrue();
        assertThat(created.getChannel().getId()).as(created.toString()).isNotBlank();
        assertThat(created.getChannel().getName()).as(created.toString()).isEqualTo(name);
        return created.getChannel().getId();
    }

    /** Posts a parent, a plain reply and a broadcast reply in a new channel. */
    private static BotThread startThread(Bot bot) throws Exception {
        String channel = createChannel(bot);
        MethodsClient client = bot.client();

        ChatPostMessageResponse parent = client.chatPostMessage(r -> r.channel(channel).text("Morning! Stand-up thread"));
        assertThat(parent.isOk()).as(parent.toString()).isTrue();
        assertThat(parent.getChannel()).as(parent.toString()).isEqualTo(channel);
        assertThat(parent.getTs()).as(parent.toString()).matches(TS);
        String parentTs = parent.getTs();

        ChatPostMessageResponse reply = client.chatPostMessage(r -> r.channel(channel).text("Yesterday: shipped")
                .threadTs(parentTs));
        assertThat(reply.isOk()).as(reply.toString()).isTrue();
        assertThat(reply.getTs()).as(reply.toString()).matches(TS);
        assertThat(reply.getMessage().getThreadTs()).as(reply.toString()).isEqualTo(parentTs);

        ChatPostMessageResponse broadcast = client.chatPostMessage(r -> r.channel(channel).text("Today: release, everyone!")
                .threadTs(parentTs).replyBroadcast(true));
        assertThat(broadcast.isOk()).as(broadcast.toString()).isTrue();
        assertThat(broadcast.getTs()).as(broadcast.toString()).matches(TS);
        assertThat(broadcast.getMessage().getThreadTs()).as(broadcast.toString()).isEqualTo(parentTs);

        assertThat(Double.parseDouble(reply.getTs())).isGreaterThan(Double.parseDouble(parentTs));
        assertThat(Double.parseDouble(broadcast.getTs())).isGreaterThan(Double.parseDouble(reply.getTs()));
        return new BotThread(channel, parentTs, reply.getTs(), broadcast.getTs());
    }

    private static Message parentIn(ConversationsHistoryResponse history, String parentTs) {
        return history.getMessages().stream().filter(m -> parentTs.equals(m.getTs())).findFirst()
                .orElseThrow(() -> new AssertionError("parent " + parentTs + " not in " + history));
    }

    @Test
    default void aBotFindsOutWhoItIsAndWhereItsChannelIs() throws Exception {
        try (Bot bot = bootstrapBot()) {
            MethodsClient client = bot.client();

            AuthTestResponse auth = client.authTest(r -> r);
            assertThat(auth.isOk()).as(auth.toString()).isTrue();
            assertThat(auth.getUserId()).as(auth.toString()).isEqualTo(bot.userId());
            assertThat(auth.getTeamId()).as(auth.toString()).isEqualTo(bot.teamId());

            String channel = createChannel(bot);

            // The new channel is listed (following the cursor if need be), and the creator is a member.
            Optional<Conversation> listed = Optional.empty();
            String cursor = null;
            for (int page = 0; page < 20 && listed.isEmpty(); page++) {
                String pageCursor = cursor;
                ConversationsListResponse list = client.conversationsList(r -> r.cursor(pageCursor));
                assertThat(list.isOk()).as(list.toString()).isTrue();
                listed = list.getChannels().stream().filter(c -> channel.equals(c.getId())).findFirst();
                cursor = list.getResponseMetadata() == null ? null : list.getResponseMetadata().getNextCursor();
                if (cursor == null || cursor.isEmpty()) {
                    break;
                }
            }
            assertThat(listed).as("conversations.list has " + channel).isPresent();
            assertThat(listed.get().isMember()).as(listed.get().toString()).isTrue();

            // Joining a channel one is already in is fine.
            ConversationsJoinResponse joined = client.conversationsJoin(r -> r.channel(channel));
            assertThat(joined.isOk()).as(joined.toString()).isTrue();
            assertThat(joined.getChannel().getId()).as(joined.toString()).isEqualTo(channel);

            UsersInfoResponse info = client.usersInfo(r -> r.user(bot.userId()));
            assertThat(info.isOk()).as(info.toString()).isTrue();
            assertThat(info.getUser().getId()).as(info.toString()).isEqualTo(bot.userId());
            assertThat(bot.userName()).isNotBlank();
            assertThat(info.getUser().getName()).as(info.toString()).isEqualTo(bot.userName());
            assertThat(info.getUser().getRealName()).as(info.toString()).isEqualTo(bot.realName());
        }
    }

    @Test
    default void aBotThreadsAndBroadcastsAReply() throws Exception {
        try (Bot bot = bootstrapBot()) {
            MethodsClient client = bot.client();
            BotThread thread = startThread(bot);

            // The thread: parent first, then the replies in order; the parent counts them.
            ConversationsRepliesResponse replies = client.conversationsReplies(r -> r.channel(thread.channel())
                    .ts(thread.parentTs()));
            assertThat(replies.isOk()).as(replies.toString()).isTrue();
            assertThat(replies.getMessages()).as(replies.toString()).extracting(Message::getTs)
                    .containsExactly(thread.parentTs(), thread.replyTs(), thread.broadcastTs());
            Message parent = replies.getMessages().get(0);
            assertThat(parent.getReplyCount()).as(replies.toString()).isEqualTo(2);
            assertThat(parent.getReplyUsers()).as(replies.toString()).contains(bot.userId());
            assertThat(parent.getLatestReply()).as(replies.toString()).isEqualTo(thread.broadcastTs());
            assertThat(replies.getMessages().subList(1, 3)).as(replies.toString()).extracting(Message::getThreadTs)
                    .containsOnly(thread.parentTs());

            // The channel: the parent and the broadcast reply, newest first; the plain reply stays in the thread.
            ConversationsHistoryResponse history = client.conversationsHistory(r -> r.channel(thread.channel()));
            assertThat(history.isOk()).as(history.toString()).isTrue();
            assertThat(history.getMessages()).as(history.toString()).extracting(Message::getTs)
                    .containsExactly(thread.broadcastTs(), thread.parentTs())
                    .doesNotContain(thread.replyTs());
            assertThat(parentIn(history, thread.parentTs()).getReplyCount()).as(history.toString()).isEqualTo(2);
            Message broadcast = history.getMessages().get(0);
            assertThat(broadcast.getThreadTs()).as(history.toString()).isEqualTo(thread.parentTs());
            assertThat(broadcast.getSubtype()).as(history.toString()).isEqualTo("thread_broadcast");
        }
    }

    @Test
    default void aBotEditsReactsPinsAndDeletes() throws Exception {
        try (Bot bot = bootstrapBot()) {
            MethodsClient client = bot.client();
            BotThread thread = startThread(bot);
            String channel = thread.channel();
            String parentTs = thread.parentTs();

            // Edit the parent: history shows the new text and who edited it.
            ChatUpdateResponse updated = client.chatUpdate(r -> r.channel(channel).ts(parentTs)
                    .text("Morning! Stand-up thread (moved to 10:00)"));
            assertThat(updated.isOk()).as(updated.toString()).isTrue();
            assertThat(updated.getTs()).as(updated.toString()).isEqualTo(parentTs);
            ConversationsHistoryResponse history = client.conversationsHistory(r -> r.channel(channel));
            assertThat(history.isOk()).as(history.toString()).isTrue();
            Message edited = parentIn(history, parentTs);
            assertThat(edited.getText()).as(history.toString()).isEqualTo("Morning! Stand-up thread (moved to 10:00)");
            assertThat(edited.getEdited()).as(history.toString()).isNotNull();
            assertThat(edited.getEdited().getUser()).as(history.toString()).isEqualTo(bot.userId());

            // React once; a second identical reaction is refused.
            ReactionsAddResponse reacted = client.reactionsAdd(r -> r.channel(channel).timestamp(parentTs).name("thumbsup"));
            assertThat(reacted.isOk()).as(reacted.toString()).isTrue();
            ReactionsGetResponse reactions = client.reactionsGet(r -> r.channel(channel).timestamp(parentTs));
            assertThat(reactions.isOk()).as(reactions.toString()).isTrue();
            assertThat(reactions.getMessage().getTs()).as(reactions.toString()).isEqualTo(parentTs);
            assertThat(reactions.getMessage().getReactions()).as(reactions.toString()).hasSize(1);
            Reaction thumbsUp = reactions.getMessage().getReactions().get(0);
            assertThat(thumbsUp.getName()).as(reactions.toString()).isEqualTo("thumbsup");
            assertThat(thumbsUp.getCount()).as(reactions.toString()).isEqualTo(1);
            assertThat(thumbsUp.getUsers()).as(reactions.toString()).containsExactly(bot.userId());
            ReactionsAddResponse again = client.reactionsAdd(r -> r.channel(channel).timestamp(parentTs).name("thumbsup"));
            assertThat(again.isOk()).as(again.toString()).isFalse();
            assertThat(again.getError()).as(again.toString()).isEqualTo("already_reacted");

            // Pin the parent.
            PinsAddResponse pinned = client.pinsAdd(r -> r.channel(channel).timestamp(parentTs));
            assertThat(pinned.isOk()).as(pinned.toString()).isTrue();
            PinsListResponse pins = client.pinsList(r -> r.channel(channel));
            assertThat(pins.isOk()).as(pins.toString()).isTrue();
            assertThat(pins.getItems()).as(pins.toString()).hasSize(1);
            assertThat(pins.getItems().get(0).getMessage().getTs()).as(pins.toString()).isEqualTo(parentTs);

            // Delete the plain reply: it leaves the thread and the parent counts one reply.
            ChatDeleteResponse deleted = client.chatDelete(r -> r.channel(channel).ts(thread.replyTs()));
            assertThat(deleted.isOk()).as(deleted.toString()).isTrue();
            ConversationsRepliesResponse replies = client.conversationsReplies(r -> r.channel(channel).ts(parentTs));
            assertThat(replies.isOk()).as(replies.toString()).isTrue();
            assertThat(replies.getMessages()).as(replies.toString()).extracting(Message::getTs)
                    .containsExactly(parentTs, thread.broadcastTs())
                    .doesNotContain(thread.replyTs());
            assertThat(replies.getMessages().get(0).getReplyCount()).as(replies.toString()).isEqualTo(1);
        }
    }

    @Test
    default void theSdkReadsSlackErrors() throws Exception {
        try (Bot bot = bootstrapBot()) {
            MethodsClient client = bot.client();
            String channel = createChannel(bot);

            ChatPostMessageResponse nowhere = client.chatPostMessage(r -> r.channel("CNOSUCHCHANNEL").text("hello?"));
            assertThat(nowhere.isOk()).as(nowhere.toString()).isFalse();
            assertThat(nowhere.getError()).as(nowhere.toString()).isEqualTo("channel_not_found");

            ChatUpdateResponse noMessage = client.chatUpdate(r -> r.channel(channel).ts("1000000000.000001").text("x"));
            assertThat(noMessage.isOk()).as(noMessage.toString()).isFalse();
            assertThat(noMessage.getError()).as(noMessage.toString()).isEqualTo("message_not_found");

            ConversationsHistoryResponse badCursor = client.conversationsHistory(r -> r.channel(channel).cursor("garbage"));
            assertThat(badCursor.isOk()).as(badCursor.toString()).isFalse();
            assertThat(badCursor.getError()).as(badCursor.toString()).isEqualTo("invalid_cursor");
        }
    }
}
