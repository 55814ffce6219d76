package dev.parley.files.access;

import dev.parley.channel.client.ChannelClient;
import dev.parley.channel.client.ChannelClient.ChannelSummary;
import dev.parley.common.auth.Caller;
import dev.parley.files.metadata.FileShareRecord;
import dev.parley.files.metadata.StoredFile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Who may read a file: its uploader, and whoever may read a conversation it is shared in, as the channel service
 * decides (a private channel, DM or group DM: its members; a public one: the workspace's full members, and guests in
 * it). Nothing of another workspace is ever readable. Asked of the channel service, never of its tables.
 */
@Component
public class FileAccess {

    // A provider: the channel service's client (a proxy when it runs elsewhere) is made at the first question.
    private final ObjectProvider<ChannelClient> channels;

    public FileAccess(ObjectProvider<ChannelClient> channels) {
        this.channels = channels;
    }

    /** Whether the caller may read the file, asking about each conversation it is shared in until one answers yes. */
    public boolean canRead(Caller caller, StoredFile file, List<FileShareRecord> shares) {
        if (!caller.workspaceId().equals(file.workspaceId()) || file.deleted()) {
            return false;
        }
        if (caller.userId().equals(file.userId())) {
            return true;
        }
        return shares.stream().map(FileShareRecord::channelId).distinct()
                .anyMatch(c -> channels.getObject().access(ChannelClient.AccessQuery.of(caller, c)).visible());
    }

    /** The conversations the caller may read, by id, with their names ("" for a DM); one call for many files. */
    public Readable readable(Caller caller) {
        Map<String, String> names = new HashMap<>();
        for (ChannelSummary c : channels.getObject().readableChannels(new ChannelClient.ReadableQuery(caller.workspaceId(),
                caller.userId(), caller.role())).channels()) {
            names.put(c.id(), c.name() == null ? "" : c.name());
        }
        return new Readable(caller, names);
    }

    /** A caller's readable conversations, asked once. */
    public record Readable(Caller caller, Map<String, String> names) {

        public boolean canRead(StoredFile file, List<FileShareRecord> shares) {
            if (!caller.workspaceId().equals(file.workspaceId()) || file.deleted()) {
                return false;
            }
            return caller.userId().equals(file.userId())
                    || shares.stream().anyMatch(s -> names.containsKey(s.channelId()));
        }

        /** The name of a readable conversation, null for one the caller may not read. */
        public String name(String channelId) {
            return names.get(channelId);
        }
    }
}
