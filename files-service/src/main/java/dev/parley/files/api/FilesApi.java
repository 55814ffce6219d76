package dev.parley.files.api;

import dev.parley.common.api.ApiMethod;
import dev.parley.common.api.ApiMethod.Tier;
import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.ApiResult;
import dev.parley.common.api.Cursors;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.api.WebApi;
import dev.parley.common.auth.Scopes;
import dev.parley.common.auth.TokenKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Web API of uploaded files: {@code files.info}, {@code files.list} (page by {@code count}/{@code page}, or by
 * {@code cursor}/{@code limit}), {@code files.delete}, {@code files.sharedPublicURL} and {@code files.revokePublicURL}.
 */
@WebApi
class FilesApi {

    private final FileService files;

    FilesApi(FileService files) {
        this.files = files;
    }

    @ApiMethod(value = "files.info", scopes = Scopes.FILES_READ, tier = Tier.TIER_4)
    ApiResult info(ApiRequest request) {
        return ApiResult.of("file", files.info(request.requireCaller(), request.require("file", "file_not_found")))
                .with("comments", List.of())
                .nextCursor("");
    }

    @ApiMethod(value = "files.list", scopes = Scopes.FILES_READ, tier = Tier.TIER_3)
    ApiResult list(ApiRequest request) {
        long from = request.string("ts_from").map(FilesApi::seconds).orElse(0L);
        long to = request.string("ts_to").map(FilesApi::seconds).orElse(Long.MAX_VALUE);
        FileService.ListQuery query = new FileService.ListQuery(request.string("channel").orElse(null),
                request.string("user").orElse(null), FileTypes.parse(request.string("types").orElse(null)), from, to);
        List<Map<String, Object>> all = files.list(request.requireCaller(), query);
        if (request.string("cursor").isPresent() || request.string("limit").isPresent()) {
            int offset = request.string("cursor").map(c -> (int) Cursors.decodeLong(c, "offset")).orElse(0);
            int limit = request.limit(100, 1000);
            List<Map<String, Object>> page = all.subList(Math.min(offset, all.size()),
                    Math.min(offset + limit, all.size()));
            String next = offset + limit < all.size() ? Cursors.encode("offset", offset + limit) : "";
            return ApiResult.of("files", page).nextCursor(next);
        }
        int count = Math.max(1, Math.min(request.integer("count").orElse(100), 1000));
        int pageNumber = Math.max(1, request.integer("page").orElse(1));
        int pages = Math.max(1, (all.size() + count - 1) / count);
        long start = (long) (pageNumber - 1) * count;
        List<Map<String, Object>> page = start >= all.size() ? List.of()
                : all.subList((int) start, (int) Math.min(start + count, all.size()));
        Map<String, Object> paging = new LinkedHashMap<>();
        paging.put("count", count);
        paging.put("total", all.size());
        paging.put("page", pageNumber);
        paging.put("pages", pages);
        return ApiResult.of("files", page).with("paging", paging);
    }

    @ApiMethod(value = "files.delete", scopes = Scopes.FILES_WRITE, tier = Tier.TIER_3)
    ApiResult delete(ApiRequest request) {
        files.delete(request.requireCaller(), request.require("file", "file_not_found"));
        return ApiResult.ok();
    }

    @ApiMethod(value = "files.sharedPublicURL", scopes = Scopes.FILES_WRITE, tokens = TokenKind.USER,
            tier = Tier.TIER_3)
    ApiResult sharedPublicUrl(ApiRequest request) {
        return ApiResult.of("file", files.publicUrl(request.requireCaller(),
                request.require("file", "file_not_found"), true));
    }

    @ApiMethod(value = "files.revokePublicURL", scopes = Scopes.FILES_WRITE, tokens = TokenKind.USER,
            tier = Tier.TIER_3)
    ApiResult revokePublicUrl(ApiRequest request) {
        return ApiResult.of("file", files.publicUrl(request.requireCaller(),
                request.require("file", "file_not_found"), false));
    }

    /** A Slack timestamp bound: whole or fractional seconds. */
    private static long seconds(String text) {
        try {
            return (long) Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new SlackApiException("invalid_arguments", Map.of("response_metadata", Map.of("messages",
                    List.of("[ERROR] ts_from and ts_to are seconds since the epoch"))));
        }
    }
}
