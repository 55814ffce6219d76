package dev.parley.workspace.audit;

import dev.parley.common.api.ApiMethod;
import dev.parley.common.api.ApiMethod.Tier;
import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.ApiResult;
import dev.parley.common.api.Cursors;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.api.WebApi;
import dev.parley.common.auth.Caller;
import dev.parley.common.auth.Scopes;
import dev.parley.common.json.SlackJson;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code admin.auditlogs.list}: the workspace's audit log, newest first, for owners and admins and for bots holding
 * {@code auditlogs:read}; filtered by {@code action} (comma list), {@code actor}, {@code entity}, {@code oldest} and
 * {@code latest} (epoch seconds, inclusive), paged with {@code cursor} and {@code limit}.
 */
@WebApi
class AuditApi {

    private final AuditRepository entries;

    AuditApi(AuditRepository entries) {
        this.entries = entries;
    }

    @ApiMethod(value = "admin.auditlogs.list", scopes = Scopes.AUDITLOGS_READ, tier = Tier.TIER_3)
    ApiResult list(ApiRequest request) {
        Caller caller = request.requireCaller();
        if (!caller.isBot()) {
            caller.requireAdmin();
        }
        int limit = request.limit(100, 1000);
        AuditRepository.Position before = request.string("cursor").map(AuditApi::position).orElse(null);
        List<String> actions = request.string("action")
                .map(a -> Arrays.stream(a.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
        if (actions.size() > 30 || actions.stream().anyMatch(a -> a.length() > 64)) {
            throw new SlackApiException("invalid_arguments");
        }
        List<AuditEntry> page = entries.list(new AuditRepository.Query(caller.workspaceId(), actions,
                request.string("actor").filter(a -> a.length() <= 24).orElse(null),
                request.string("entity").filter(e -> e.length() <= 64).orElse(null),
                seconds(request.string("oldest")), seconds(request.string("latest")), before, limit + 1));
        boolean more = page.size() > limit;
        List<AuditEntry> shown = more ? page.subList(0, limit) : page;
        String next = more ? Cursors.encode("audit", shown.getLast().createdMillis() + "/" + shown.getLast().id()) : "";
        return ApiResult.of("entries", shown.stream().map(e -> SlackJson.tree(e.json())).toList()).nextCursor(next);
    }

    private static Long seconds(Optional<String> value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            long s = Long.parseLong(value.get().trim());
            if (s >= 0 && s < 100_000_000_000L) {
                return s;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SlackApiException("invalid_arguments");
    }

    private static AuditRepository.Position position(String cursor) {
        String decoded = Cursors.decode(cursor, "audit");
        int slash = decoded.indexOf('/');
        try {
            if (slash > 0 && slash < decoded.length() - 1 && decoded.length() <= 80) {
                return new AuditRepository.Position(Long.parseLong(decoded.substring(0, slash)), decoded.substring(slash + 1));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SlackApiException("invalid_cursor");
    }
}
