package dev.parley.common.event.inprocess;

import dev.parley.common.event.ChannelEvent;
import dev.parley.common.event.EventLog;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event log of the standalone process: each subscriber has its own queue and thread, and within a group a
 * channel's events always go to the same subscriber, in order. Durability comes from the outbox table it is fed from.
 */
public class InProcessEventLog implements EventLog, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InProcessEventLog.class);

    private final Map<String, List<Member>> groups = new ConcurrentHashMap<>();

    @Override
    public void publish(List<ChannelEvent> events) {
        for (ChannelEvent event : events) {
            for (List<Member> members : groups.values()) {
                if (!members.isEmpty()) {
                    members.get(Math.floorMod(event.channelId().hashCode(), members.size())).queue.add(event);
                }
            }
        }
    }

    @Override
    public Subscription subscribe(String group, Consumer<ChannelEvent> handler) {
        Member member = new Member(group, handler);
        groups.computeIfAbsent(group, g -> new CopyOnWriteArrayList<>()).add(member);
        member.thread.start();
        return () -> {
            groups.getOrDefault(group, List.of()).remove(member);
            member.thread.interrupt();
        };
    }

    @Override
    public void close() {
        groups.values().forEach(members -> members.forEach(m -> m.thread.interrupt()));
        groups.clear();
    }

    private static final class Member {
        final BlockingQueue<ChannelEvent> queue = new LinkedBlockingQueue<>();
        final Thread thread;

        Member(String group, Consumer<ChannelEvent> handler) {
            thread = Thread.ofPlatform().daemon().name("eventlog-" + group).unstarted(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    ChannelEvent event;
                    try {
                        event = queue.take();
                    } catch (InterruptedException e) {
                        return;
                    }
                    try {
                        handler.accept(event);
                    } catch (RuntimeException e) {
                        log.warn("Consumer group {} failed on {}#{}: {}", group, event.channelId(), event.seq(), e.toString());
                    }
                }
            });
        }
    }
}
