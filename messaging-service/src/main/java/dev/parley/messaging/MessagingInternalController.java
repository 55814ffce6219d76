package dev.parley.messaging;

import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.common.auth.MemberRole;
import dev.parley.common.auth.Scopes;
import dev.parley.common.auth.TokenKind;
import dev.parley.common.id.Ts;
import dev.parley.messaging.client.MessagingClient;
import dev.parley.messaging.message.Message;
import dev.parley.messaging.message.MessageExport;
import dev.parley.messaging.message.MessageService;
import org.springframework.web.bind.annotation.RestController;

/** The messaging service's side of {@link MessagingClient}: the bean co-located callers use, and its HTTP endpoint. */
@RestController
class MessagingInternalController implements MessagingClient {

    private final MessageService messages;
    private final MessageExport export;

    MessagingInternalController(MessageService messages, MessageExport export) {
        this.messages = messages;
        this.export = export;
    }

    @Override
    public PostResult post(PostCommand command) {
        try {
            Caller caller = command.bot() == null ? new Caller(command.workspaceId(), command.userId(), command.role())
                    : new Caller(command.workspaceId(), command.userId(), command.role(), TokenKind.BOT,
                            java.util.Set.of(Scopes.CHAT_WRITE), null, command.bot());
            Message m = messages.post(caller, command.channelId(), new MessageService.Draft(command.text(), null, null,
                    command.threadTs(), false, command.clientMsgId()));
            return new PostResult(true, null, m.channelId(), Ts.format(m.ts()), m.text());
        } catch (SlackApiException e) {
            return PostResult.failed(e.error());
        }
    }

    @Override
    public PostResult postAsBot(BotPost post) {
        try {
            // The bot acts only as far as posting goes; the webhook it posts for was made for this channel.
            Caller bot = new Caller(post.workspaceId(), post.botUserId(), MemberRole.MEMBER.id(), TokenKind.BOT,
                    java.util.Set.of(Scopes.CHAT_WRITE), null, post.bot());
            Message m = messages.post(bot, post.channelId(), new MessageService.Draft(post.text(), post.blocks(),
                    post.attachments(), post.threadTs(), false, null, true));
            return new PostResult(true, null, m.channelId(), Ts.format(m.ts()), m.text());
        } catch (SlackApiException e) {
            return PostResult.failed(e.error());
        }
    }

    @Override
    public PostResult postSystem(SystemPost post) {
        Message m = messages.postSystem(post.workspaceId(), post.channelId(), post.userId(), post.subtype(), post.text(),
                post.fields());
        return new PostResult(true, null, m.channelId(), Ts.format(m.ts()), m.text());
    }

    @Override
    public UnreadCounts unread(UnreadQuery query) {
        long[] counts = messages.unread(query.workspaceId(), query.channelId(), query.userId(), query.afterTs());
        return new UnreadCounts(counts[0], counts[1], counts[2]);
    }

    @Override
    public StoredMessages messages(MessagesQuery query) {
        if (query.workspaceId() == null || query.channelId() == null || query.ts() == null) {
            return new StoredMessages(java.util.List.of(), false);
        }
        return new StoredMessages(export.current(query.workspaceId(), query.channelId(), query.ts()), false);
    }

    @Override
    public StoredMessages export(ExportQuery query) {
        if (query.workspaceId() == null || query.channelId() == null) {
            return new StoredMessages(java.util.List.of(), false);
        }
        long after = query.afterTs() == null ? -1 : Ts.parse(query.afterTs()).orElse(-1L);
        return export.page(query.workspaceId(), query.channelId(), after, query.limit());
    }

    @Override
    public PostResult shareFiles(FileShare share) {
        try {
            Message m = messages.shareFiles(new Caller(share.workspaceId(), share.userId(), share.role()),
                    share.channelId(), share.threadTs(), share.text(), share.files());
            return new PostResult(true, null, m.channelId(), Ts.format(m.ts()), m.text());
        } catch (SlackApiException e) {
            return PostResult.failed(e.error());
        }
    }

    @Override
    public FileUpdated updateFile(FileUpdate update) {
        return new FileUpdated(messages.updateFile(update.workspaceId(), update.fileId(), update.file(),
                update.messages()));
    }
}
