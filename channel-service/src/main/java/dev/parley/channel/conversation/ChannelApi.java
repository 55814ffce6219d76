package dev.parley.channel.conversation;

import dev.parley.common.api.ApiMethod;
import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.ApiResult;
import dev.parley.common.api.WebApi;
import dev.parley.common.auth.Caller;
import java.util.LinkedHashMap;
import java.util.Map;

/** Web API of conversations ({@code conversations.*}, except history and replies which messaging serves). */
@WebApi
class ChannelApi {

    private final ChannelService channels;

    ChannelApi(ChannelService channels) {
        this.channels = channels;
    }

    @ApiMethod("conversations.create")
    ApiResult create(ApiRequest request) {
        Caller caller = request.requireCaller();
        Channel channel = channels.create(caller, request.string("name").orElse(null), request.bool("is_private"));
        return ApiResult.of("channel", view(channel, true, 1));
    }

    @ApiMethod("conversations.join")
    ApiResult join(ApiRequest request) {
        Caller caller = request.requireCaller();
        String channelId = request.require("channel", "channel_not_found");
        boolean joined = channels.join(caller, channelId);
        Channel channel = channels.visible(caller, channelId);
        ApiResult result = ApiResult.of("channel", view(channel, true, channels.memberCount(channel)));
        if (!joined) {
            result.with("warning", "already_in_channel")
                    .with("response_metadata", Map.of("warnings", java.util.List.of("already_in_channel")));
        }
        return result;
    }

    /** A conversation object in Slack's shape, as seen by a caller. */
    static Map<String, Object> view(Channel c, boolean isMember, long numMembers) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", c.id());
        v.put("name", c.name());
        v.put("is_channel", Channel.PUBLIC.equals(c.type()));
        v.put("is_group", Channel.PRIVATE.equals(c.type()));
        v.put("is_im", Channel.IM.equals(c.type()));
        v.put("is_mpim", Channel.MPIM.equals(c.type()));
        v.put("is_private", c.isPrivate());
        v.put("created", c.createdAt());
        v.put("creator", c.creator());
        v.put("is_archived", c.archived());
        v.put("is_general", false);
        v.put("is_shared", false);
        v.put("is_ext_shared", false);
        v.put("is_org_shared", false);
        v.put("is_member", isMember);
        v.put("name_normalized", c.name());
        v.put("context_team_id", c.workspaceId());
        v.put("topic", Map.of("value", c.topic(), "creator", "", "last_set", 0));
        v.put("purpose", Map.of("value", c.purpose(), "creator", "", "last_set", 0));
        v.put("num_members", numMembers);
        return v;
    }
}
