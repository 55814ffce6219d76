package dev.parley.channel.conversation;

import dev.parley.messaging.client.MessagingClient;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Slack's channel messages ({@code channel_join}, {@code channel_topic}, …): once a change to a channel has committed,
 * it is written into the channel's history by the messaging service, which owns history. The membership or setting
 * itself is the truth; a history entry that fails to be written is logged, not retried.
 */
@Component
class ChannelMessages {

    private static final Logger log = LoggerFactory.getLogger(ChannelMessages.class);

    private final ObjectProvider<MessagingClient> messaging;

    ChannelMessages(ObjectProvider<MessagingClient> messaging) {
        this.messaging = messaging;
    }

    /** Writes the channel message after the current transaction commits (DMs have none). */
    void afterCommit(Channel channel, String userId, String subtype, String text, Map<String, String> fields) {
        if (channel.isDirect()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    messaging.getObject().postSystem(new MessagingClient.SystemPost(channel.workspaceId(), channel.id(),
                            userId, subtype, text, fields));
                } catch (RuntimeException e) {
                    log.warn("Could not write the {} message of {}: {}", subtype, channel.id(), e.toString());
                }
            }
        });
    }

    static String mention(String userId) {
        return "<@" + userId + ">";
    }
}
