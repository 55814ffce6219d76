package dev.parley.search.indexing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's handle on the indexing pipeline, on the internal port guarded by {@code parley.internal.secret}:
 * the index lag ({@code GET /internal/search/lag}, which the benchmark reads too), a reindex without downtime
 * ({@code POST /internal/search/reindex}, what {@code ./parley reindex} calls) and the dead letters.
 */
@RestController
class IndexingController {

    private static final Pattern WORKSPACE_ID = Pattern.compile("[A-Z0-9]{1,24}");

    private final SearchIndexer indexer;
    private final Reindexer reindexer;
    private final DeadLetters deadLetters;

    IndexingController(SearchIndexer indexer, Reindexer reindexer, DeadLetters deadLetters) {
        this.indexer = indexer;
        this.reindexer = reindexer;
        this.deadLetters = deadLetters;
    }

    /** The recent index lag in milliseconds (p50, p99, max over {@code events}) and the events waiting. */
    @GetMapping("/internal/search/lag")
    Map<String, Object> lag() {
        IndexLag.Snapshot lag = indexer.lag().snapshot();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put("events", lag.events());
        answer.put("p50_ms", lag.p50Millis());
        answer.put("p99_ms", lag.p99Millis());
        answer.put("max_ms", lag.maxMillis());
        answer.put("backlog", lag.backlog());
        return answer;
    }

    /** Rebuilds one workspace's index ({@code workspace=T…}) or every one ({@code all=true}); answers when done. */
    @PostMapping("/internal/search/reindex")
    Map<String, Object> reindex(@RequestParam(name = "workspace", required = false) String workspace,
                                @RequestParam(name = "all", required = false) String all) {
        boolean everything = "true".equals(all) || "1".equals(all);
        if (everything == (workspace != null) || (workspace != null && !WORKSPACE_ID.matcher(workspace).matches())) {
            return error("invalid_arguments");
        }
        Reindexer.Result result;
        try {
            result = everything ? reindexer.reindexAll() : reindexer.reindex(workspace);
        } catch (Reindexer.AlreadyRunning e) {
            return error("already_running");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put("workspaces", result.workspaces());
        answer.put("channels", result.channels());
        answer.put("messages", result.messages());
        answer.put("refreshed", result.refreshed());
        return answer;
    }

    /** A workspace's dead letters: events the pipeline could not index, with the error. */
    @GetMapping("/internal/search/dead-letters")
    Map<String, Object> deadLetters(@RequestParam(name = "workspace", required = false) String workspace,
                                    @RequestParam(name = "limit", defaultValue = "100") String limit) {
        if (workspace == null || !WORKSPACE_ID.matcher(workspace).matches() || !limit.matches("[0-9]{1,4}")) {
            return error("invalid_arguments");
        }
        List<Map<String, Object>> letters = deadLetters.list(workspace, Math.clamp(Integer.parseInt(limit), 1, 1000))
                .stream().map(d -> {
                    Map<String, Object> letter = new LinkedHashMap<>();
                    letter.put("channel", d.channelId());
                    letter.put("seq", d.seq());
                    letter.put("type", d.type());
                    letter.put("error", d.error());
                    letter.put("failed_at", d.failedAt() / 1000);
                    letter.put("payload", d.payload());
                    return letter;
                }).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put("dead_letters", letters);
        return answer;
    }

    private static Map<String, Object> error(String code) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", false);
        answer.put("error", code);
        return answer;
    }
}
