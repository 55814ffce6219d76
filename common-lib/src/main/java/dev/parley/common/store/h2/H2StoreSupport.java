package dev.parley.common.store.h2;

import java.nio.file.Path;
import javax.sql.DataSource;

/** The H2 settings that make one set of migrations and queries serve H2 and MySQL alike. */
public final class H2StoreSupport {

    private H2StoreSupport() {
    }

    /**
     * A file database in MySQL mode with MySQL's identifier rules. H2 writes commits to the file in the background
     * here; only {@link #durable} makes each commit durable before it returns, so use the two together.
     */
    public static String jdbcUrl(Path file) {
        return "jdbc:h2:file:" + file + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE"
                + ";LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64";
    }

    /** The data source over {@link #jdbcUrl}'s database whose commits return only once they are in the file. */
    public static DataSource durable(DataSource h2) {
        return H2GroupCommit.wrap(h2);
    }
}
