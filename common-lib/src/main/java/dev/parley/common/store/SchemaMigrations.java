package dev.parley.common.store;

import java.util.Comparator;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;

/** Applies every registered {@link SchemaModule} to a fresh DataSource before anyone else can use it. */
public final class SchemaMigrations {

    private SchemaMigrations() {
    }

    public static DataSource migrate(DataSource dataSource, ObjectProvider<SchemaModule> modules) {
        return migrate(dataSource, modules.stream().toList());
    }

    public static DataSource migrate(DataSource dataSource, java.util.List<SchemaModule> modules) {
        modules.stream().distinct().sorted(Comparator.comparing(SchemaModule::name)).forEach(module ->
                Flyway.configure()
                        .dataSource(dataSource)
                        .locations(module.location())
                        .table(module.historyTable())
                        .baselineOnMigrate(true)
                        .baselineVersion("0")
                        .load()
                        .migrate());
        return dataSource;
    }
}
