package dev.parley.search.api;

import dev.parley.channel.client.ChannelClient.ChannelSummary;
import dev.parley.common.api.ApiMethod;
import dev.parley.common.api.ApiMethod.Tier;
import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.ApiResult;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.api.WebApi;
import dev.parley.common.auth.Scopes;
import dev.parley.common.auth.TokenKind;
import dev.parley.search.SearchQuery;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Web API of search: {@code search.messages}, {@code search.files} and {@code search.all}, in the shape the official
 * SDKs parse ({@code SearchMessagesResponse}, {@code SearchAllResponse}). As in Slack, only people's tokens search;
 * a bot token gets {@code not_allowed_token_type}.
 */
@WebApi
class SearchApi {

    private final SearchService search;

    SearchApi(SearchService search) {
        this.search = search;
    }

    @ApiMethod(value = "search.messages", scopes = Scopes.SEARCH_READ, tokens = TokenKind.USER, tier = Tier.TIER_2)
    ApiResult messages(ApiRequest request) {
        SearchService.Request query = request(request);
        return ApiResult.of("query", query.query())
                .with("messages", messageResults(search.messages(request.requireCaller(), query)));
    }

    @ApiMethod(value = "search.files", scopes = Scopes.SEARCH_READ, tokens = TokenKind.USER, tier = Tier.TIER_2)
    ApiResult files(ApiRequest request) {
        SearchService.Request query = request(request);
        return ApiResult.of("query", query.query())
                .with("files", fileResults(search.files(request.requireCaller(), query)));
    }

    @ApiMethod(value = "search.all", scopes = Scopes.SEARCH_READ, tokens = TokenKind.USER, tier = Tier.TIER_2)
    ApiResult all(ApiRequest request) {
        SearchService.Request query = request(request);
        SearchService.FilePage files = search.files(request.requireCaller(), query);
        SearchService.Page messages = search.messages(request.requireCaller(), query);
        return ApiResult.of("query", query.query())
                .with("messages", messageResults(messages))
                .with("files", fileResults(files))
                .with("posts", Map.of("total", 0, "matches", List.of()));
    }

    /** The arguments; a missing query is Slack's {@code no_query}, a bad sort or number {@code invalid_arguments}. */
    private static SearchService.Request request(ApiRequest request) {
        String query = request.require("query", "no_query");
        SearchQuery.Sort sort = switch (request.string("sort").orElse("score").toLowerCase(Locale.ROOT)) {
            case "score" -> SearchQuery.Sort.SCORE;
            case "timestamp" -> SearchQuery.Sort.TIMESTAMP;
            default -> throw invalid("sort must be score or timestamp");
        };
        boolean ascending = switch (request.string("sort_dir").orElse("desc").toLowerCase(Locale.ROOT)) {
            case "desc" -> false;
            case "asc" -> true;
            default -> throw invalid("sort_dir must be asc or desc");
        };
        return new SearchService.Request(query, sort, ascending, request.bool("highlight"),
                request.integer("count").orElse(0), request.integer("page").orElse(1));
    }

    private static SlackApiException invalid(String why) {
        return new SlackApiException("invalid_arguments",
                Map.of("response_metadata", Map.of("messages", List.of("[ERROR] " + why))));
    }

    private static Map<String, Object> messageResults(SearchService.Page page) {
        return results(page, page.matches().stream().map(SearchApi::match).toList());
    }

    private static Map<String, Object> fileResults(SearchService.FilePage page) {
        return results(page, page.files());
    }

    /** Slack's result block: {@code total}, {@code pagination}, {@code paging} and {@code matches}. */
    private static Map<String, Object> results(SearchService.Paged page, List<Map<String, Object>> matches) {
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("total_count", page.total());
        pagination.put("page", page.page());
        pagination.put("per_page", page.count());
        pagination.put("page_count", page.pages());
        pagination.put("first", page.first());
        pagination.put("last", page.last());
        Map<String, Object> paging = new LinkedHashMap<>();
        paging.put("count", page.count());
        paging.put("total", page.total());
        paging.put("page", page.page());
        paging.put("pages", page.pages());
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("total", page.total());
        results.put("pagination", pagination);
        results.put("paging", paging);
        results.put("matches", matches);
        return results;
    }

    private static Map<String, Object> match(SearchService.Match match) {
        var m = match.message();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("type", "message");
        // Slack's iid names the match; derived from the message's key, so the same message keeps the same one.
        v.put("iid", UUID.nameUUIDFromBytes(m.key().id().getBytes(StandardCharsets.UTF_8)).toString());
        v.put("team", m.workspaceId());
        v.put("channel", channel(match.channel()));
        v.put("user", m.userId());
        v.put("username", match.username());
        if (m.botId() != null) {
            v.put("bot_id", m.botId());
        }
        v.put("ts", m.ts());
        v.put("text", match.text());
        v.put("permalink", match.permalink());
        v.put("no_reactions", m.reactions().isEmpty());
        return v;
    }

    /** The conversation as a match shows it; an im's name is the other member's id, as in Slack. */
    private static Map<String, Object> channel(ChannelSummary c) {
        boolean im = "im".equals(c.type());
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", c.id());
        v.put("is_channel", "channel".equals(c.type()));
        v.put("is_group", "group".equals(c.type()));
        v.put("is_im", im);
        v.put("is_mpim", "mpim".equals(c.type()));
        v.put("name", im ? c.imUser() : c.name());
        v.put("is_shared", false);
        v.put("is_org_shared", false);
        v.put("is_ext_shared", false);
        v.put("is_private", !"channel".equals(c.type()));
        v.put("is_archived", c.archived());
        v.put("pending_shared", List.of());
        v.put("is_pending_ext_shared", false);
        if (im) {
            v.put("user", c.imUser());
        }
        return v;
    }
}
