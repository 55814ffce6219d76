package dev.parley.files.upload;

import tools.jackson.databind.JsonNode;
import dev.parley.common.api.ApiMethod;
import dev.parley.common.api.ApiMethod.Tier;
import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.ApiResult;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.api.UploadedFile;
import dev.parley.common.api.WebApi;
import dev.parley.common.auth.Scopes;
import dev.parley.common.json.SlackJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Web API of uploads, as the official SDKs' helpers call it: {@code files.getUploadURLExternal},
 * {@code files.completeUploadExternal} (Java's {@code filesUploadV2}, Node's {@code uploadV2}) and the older multipart
 * {@code files.upload}.
 */
@WebApi
class UploadApi {

    private final UploadService uploads;

    UploadApi(UploadService uploads) {
        this.uploads = uploads;
    }

    @ApiMethod(value = "files.getUploadURLExternal", scopes = Scopes.FILES_WRITE, tier = Tier.TIER_4)
    ApiResult getUploadUrl(ApiRequest request) {
        long length = request.string("length").map(UploadApi::length)
                .orElseThrow(() -> invalid("length is required"));
        UploadService.UploadUrl url = uploads.uploadUrl(request.requireCaller(),
                request.string("filename").orElse(null), length, request.string("alt_txt").or(() -> request.string("alt_text")).orElse(null));
        ApiResult result = ApiResult.ok();
        UploadService.fields(url).forEach(result::with);
        return result;
    }

    @ApiMethod(value = "files.completeUploadExternal", scopes = Scopes.FILES_WRITE, tier = Tier.TIER_4)
    ApiResult complete(ApiRequest request) {
        List<UploadService.Completion> completions = completions(request.require("files"));
        List<Map<String, Object>> files = uploads.complete(request.requireCaller(), completions, share(request));
        return ApiResult.of("files", files);
    }

    @ApiMethod(value = "files.upload", scopes = Scopes.FILES_WRITE, tier = Tier.TIER_2)
    ApiResult upload(ApiRequest request) {
        byte[] bytes;
        String filename;
        var file = request.file("file");
        if (file.isPresent()) {
            UploadedFile part = file.get();
            bytes = part.bytes();
            filename = request.string("filename").orElse(part.filename());
        } else {
            String content = request.string("content").orElseThrow(() -> new SlackApiException("no_file_data"));
            bytes = content.getBytes(StandardCharsets.UTF_8);
            filename = request.string("filename").orElse(request.string("title").orElse("-.txt"));
        }
        Map<String, Object> object = uploads.upload(request.requireCaller(), filename,
                request.string("title").orElse(null), bytes, share(request));
        return ApiResult.of("file", object);
    }

    /** {@code channel_id}, else {@code channels} (comma-separated), with {@code thread_ts} and {@code initial_comment}. */
    private static UploadService.Share share(ApiRequest request) {
        List<String> channels = new ArrayList<>();
        request.string("channel_id").ifPresent(channels::add);
        if (channels.isEmpty()) {
            request.string("channels").ifPresent(list -> Arrays.stream(list.split(","))
                    .map(String::strip).filter(c -> !c.isEmpty()).distinct().forEach(channels::add));
        }
        String threadTs = request.string("thread_ts").orElse(null);
        if (threadTs != null && channels.size() != 1) {
            throw invalid("thread_ts needs exactly one channel");
        }
        return new UploadService.Share(List.copyOf(channels), threadTs, request.string("initial_comment").orElse(null));
    }

    /** {@code files}: a JSON array of {@code {"id":"F…","title":"…"}}. */
    private static List<UploadService.Completion> completions(String json) {
        JsonNode array;
        try {
            array = SlackJson.tree(json);
        } catch (RuntimeException e) {
            throw invalid("files must be a JSON array of {\"id\":…,\"title\":…}");
        }
        if (array == null || !array.isArray()) {
            throw invalid("files must be a JSON array of {\"id\":…,\"title\":…}");
        }
        List<UploadService.Completion> completions = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.isObject() || !item.path("id").isString()) {
                throw invalid("each file needs an id");
            }
            JsonNode title = item.get("title");
            completions.add(new UploadService.Completion(item.get("id").asString(),
                    title != null && title.isString() ? title.asString() : null));
        }
        return completions;
    }

    private static long length(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw invalid("length must be a number of bytes");
        }
    }

    private static SlackApiException invalid(String why) {
        return new SlackApiException("invalid_arguments",
                Map.of("response_metadata", Map.of("messages", List.of("[ERROR] " + why))));
    }
}
