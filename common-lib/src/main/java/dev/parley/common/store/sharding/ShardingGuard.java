package dev.parley.common.store.sharding;

import dev.parley.common.json.SlackJson;
import dev.parley.common.store.WrappingDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** Rejects DML on sharded tables without a workspace_id predicate, so no query silently scatters across shards. */
public final class ShardingGuard {

    private static final String VSCHEMA = "parley/vitess/vschema-chat.json";

    private static final Pattern SCATTER = Pattern.compile("/\\*\\s*scatter:", Pattern.CASE_INSENSITIVE);
    private static final Pattern STRING_LITERAL = Pattern.compile("'(?:[^'\\\\]|\\\\.|'')*'");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|--[^\\n]*|#[^\\n]*", Pattern.DOTALL);
    private static final Pattern DML = Pattern.compile("^\\W*(SELECT|WITH|UPDATE|DELETE|INSERT|REPLACE)\\b",
            Pattern.CASE_INSENSITIVE);
    // "FOR UPDATE" and "ON DUPLICATE KEY UPDATE" are not table references.
    private static final Pattern TABLE = Pattern.compile(
            "\\b(?:FROM|JOIN|(?<!FOR |KEY )UPDATE|INTO) `?(?:\\w+`?\\.`?)?(\\w+)`?", Pattern.CASE_INSENSITIVE);
    private static final Pattern PREDICATE = Pattern.compile(
            "\\b(?:WHERE|ON)\\b.*?`?\\bworkspace_id`? ?(?:= ?\\?|IN\\b)", Pattern.CASE_INSENSITIVE);
    private static final Pattern INSERT_COLUMNS = Pattern.compile(
            "\\bINTO [`\\w.]+ ?\\(([^)]*)\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern WORKSPACE_ID = Pattern.compile("\\bworkspace_id\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern SUBQUERY_START = Pattern.compile(
            "\\( ?(?:SELECT|WITH)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern SELECT_SPLIT = Pattern.compile("(?=\\bSELECT\\b)", Pattern.CASE_INSENSITIVE);

    private ShardingGuard() {
    }

    public static DataSource wrap(DataSource target, Set<String> shardedTables) {
        Set<String> sharded = lowerCase(shardedTables);
        return new WrappingDataSource(target, connection -> guard(connection, sharded));
    }

    public static Set<String> shardedTablesFromVSchema() {
        try (InputStream in = ShardingGuard.class.getClassLoader().getResourceAsStream(VSCHEMA)) {
            if (in == null) {
                throw new IllegalStateException("classpath:" + VSCHEMA + " not found");
            }
            Set<String> tables = new HashSet<>();
            SlackJson.tree(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .get("tables").properties().forEach(entry -> tables.add(entry.getKey()));
            return Set.copyOf(tables);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read classpath:" + VSCHEMA, e);
        }
    }

    public static void check(String sql, Set<String> shardedTables) {
        if (sql == null || SCATTER.matcher(sql).find()) {
            return;
        }
        String text = COMMENT.matcher(STRING_LITERAL.matcher(sql).replaceAll("''")).replaceAll(" ")
                .replaceAll("\\s+", " ").trim();
        if (!DML.matcher(text).find()) {
            return;
        }
        Set<String> sharded = lowerCase(shardedTables);
        for (String scope : scopes(text)) {
            for (String segment : SELECT_SPLIT.split(scope)) {
                checkSegment(segment.trim(), sharded, sql);
            }
        }
    }

    private static void checkSegment(String segment, Set<String> sharded, String sql) {
        Matcher table = TABLE.matcher(segment);
        while (table.find()) {
            String name = table.group(1).toLowerCase(Locale.ROOT);
            if (!sharded.contains(name)) {
                continue;
            }
            String head = segment.toUpperCase(Locale.ROOT);
            if (head.startsWith("INSERT") || head.startsWith("REPLACE")) {
                Matcher columns = INSERT_COLUMNS.matcher(segment);
                if (!columns.find() || !WORKSPACE_ID.matcher(columns.group(1)).find()) {
                    throw new ShardingViolationException("INSERT into sharded table '" + name
                            + "' must list the workspace_id column so VTGate can pick the shard: \"" + sql + "\"");
                }
            } else if (!PREDICATE.matcher(segment).find()) {
                throw new ShardingViolationException("statement on sharded table '" + name
                        + "' needs a workspace_id = ? or workspace_id IN predicate, else VTGate scatters it"
                        + " to every shard (mark a deliberate one with /* scatter: why */): \"" + sql + "\"");
            }
        }
    }

    /** Each parenthesised subquery becomes its own scope, so an outer predicate cannot vouch for an inner SELECT. */
    private static List<String> scopes(String text) {
        List<String> done = new ArrayList<>();
        Deque<StringBuilder> open = new ArrayDeque<>();
        Deque<int[]> depth = new ArrayDeque<>();
        Matcher subquery = SUBQUERY_START.matcher(text);
        open.push(new StringBuilder());
        depth.push(new int[] {0});
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' && subquery.region(i, text.length()).lookingAt()) {
                open.peek().append("(subquery)");
                open.push(new StringBuilder());
                depth.push(new int[] {0});
            } else if (c == ')' && depth.peek()[0] == 0 && open.size() > 1) {
                done.add(open.pop().toString());
                depth.pop();
            } else {
                if (c == '(') {
                    depth.peek()[0]++;
                } else if (c == ')') {
                    depth.peek()[0]--;
                }
                open.peek().append(c);
            }
        }
        open.forEach(scope -> done.add(scope.toString()));
        return done;
    }

    private static Set<String> lowerCase(Set<String> tables) {
        Set<String> lower = new HashSet<>();
        tables.forEach(t -> lower.add(t.toLowerCase(Locale.ROOT)));
        return Set.copyOf(lower);
    }

    private static Connection guard(Connection target, Set<String> sharded) {
        return (Connection) Proxy.newProxyInstance(ShardingGuard.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("equals") || name.equals("hashCode")) {
                        return WrappingDataSource.identity(proxy, name, args);
                    }
                    if (name.equals("createStatement")) {
                        return guard((Statement) WrappingDataSource.invoke(target, method, args), (Connection) proxy, sharded);
                    }
                    if ((name.equals("prepareStatement") || name.equals("prepareCall"))
                            && args[0] instanceof String sql) {
                        check(sql, sharded);
                    }
                    return WrappingDataSource.invoke(target, method, args);
                });
    }

    private static Statement guard(Statement target, Connection connection, Set<String> sharded) {
        return (Statement) Proxy.newProxyInstance(ShardingGuard.class.getClassLoader(),
                new Class<?>[] {Statement.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("equals") || name.equals("hashCode")) {
                        return WrappingDataSource.identity(proxy, name, args);
                    }
                    if (name.equals("getConnection")) {
                        return connection;
                    }
                    if ((name.startsWith("execute") || name.equals("addBatch"))
                            && args != null && args[0] instanceof String sql) {
                        check(sql, sharded);
                    }
                    return WrappingDataSource.invoke(target, method, args);
                });
    }

}
