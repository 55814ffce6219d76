package dev.parley.common.store;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Inserts whose primary or unique key decides "already there" atomically, instead of a racy check first. */
public final class Inserts {

    private Inserts() {
    }

    /** Runs the insert; false (and nothing written) when a row with the same key exists. */
    public static boolean once(JdbcClient.StatementSpec insert) {
        try {
            insert.update();
            return true;
        } catch (DuplicateKeyException exists) {
            return false;
        }
    }
}
