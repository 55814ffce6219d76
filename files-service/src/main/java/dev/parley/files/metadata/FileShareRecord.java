package dev.parley.files.metadata;

/**
 * A message that shares a file: its conversation (of the channel service's {@code type}: {@code channel},
 * {@code group}, {@code im}, {@code mpim}), its ts and thread, who shared it and when (epoch seconds).
 */
public record FileShareRecord(String fileId, String channelId, String ts, String channelType, String threadTs,
                              String userId, long sharedAt) {
}
