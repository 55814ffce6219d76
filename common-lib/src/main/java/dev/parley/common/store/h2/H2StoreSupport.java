package dev.parley.common.store.h2;

import java.nio.file.Path;

/** The H2 settings that make one set of migrations and queries serve H2 and MySQL alike. */
public final class H2StoreSupport {

    private H2StoreSupport() {
    }

    /**
     * A file database in MySQL mode with MySQL's identifier rules. {@code WRITE_DELAY=0} writes every commit to the
     * file before the commit returns (H2 otherwise batches them for up to 500 ms), so a write acknowledged to a client
     * survives {@code kill -9} of the process.
     */
    public static String jdbcUrl(Path file) {
        return "jdbc:h2:file:" + file + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE"
                + ";LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }
}
