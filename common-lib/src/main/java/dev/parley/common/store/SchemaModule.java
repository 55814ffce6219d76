package dev.parley.common.store;

/**
 * A set of Flyway migrations owned by one service (or by the shared event log), under
 * {@code classpath:db/migration/<name>}, with its own history table so services migrate independently.
 */
public record SchemaModule(String name) {

    public String location() {
        return "classpath:db/migration/" + name;
    }

    public String historyTable() {
        return "flyway_history_" + name;
    }
}
