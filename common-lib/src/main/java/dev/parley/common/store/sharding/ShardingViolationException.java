package dev.parley.common.store.sharding;

/** Thrown by {@link ShardingGuard} for a statement on a sharded table that VTGate could not route to one shard. */
public class ShardingViolationException extends RuntimeException {

    public ShardingViolationException(String message) {
        super(message);
    }
}
