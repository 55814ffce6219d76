package dev.parley.channel.conversation;

import dev.parley.common.api.ApiMethod;
import dev.parley.common.auth.Scopes;
import dev.parley.common.auth.TokenKind;
import dev.parley.common.api.ApiMethod.Tier;
import dev.parley.common.api.ApiMethod.Access;
import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.ApiResult;
import dev.parley.common.api.Cursors;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.api.WebApi;
import dev.parley.common.auth.Caller;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Web API of conversations ({@code conversations.*} except history and replies, and {@code users.conversations}). */
@WebApi
class ConversationApi {

    private static final Map<String, String> TYPES = Map.of(
            "public_channel", Channel.PUBLIC, "private_channel", Channel.PRIVATE, "im", Channel.IM, "mpim", Channel.MPIM);

    private final ChannelService conversations;
    private final MembershipService membership;
    private final DirectMessageService directMessages;
    private final ReadMarkerService readMarkers;
    private final ChannelRepository channels;

    ConversationApi(ChannelService conversations, MembershipService membership, DirectMessageService directMessages,
                    ReadMarkerService readMarkers, ChannelRepository channels) {
        this.conversations = conversations;
        this.membership = membership;
        this.directMessages = directMessages;
        this.readMarkers = readMarkers;
        this.channels = channels;
    }

    @ApiMethod(value = "conversations.create",
            scopes = {Scopes.CHANNELS_MANAGE, Scopes.GROUPS_WRITE}, access = Access.MEMBERS, tier = Tier.TIER_2)
    ApiResult create(ApiRequest request) {
        Caller caller = request.requireCaller();
        caller.requireScope(request.bool("is_private") ? Scopes.GROUPS_WRITE : Scopes.CHANNELS_MANAGE);
        Channel channel = conversations.create(caller, request.string("name").orElse(null), request.bool("is_private"));
        return ApiResult.of("channel", ChannelView.full(channel, true, readMarkers.state(channel, caller.userId()), 1L, null));
    }

    @ApiMethod(value = "conversations.info",
            scopes = {Scopes.CHANNELS_READ, Scopes.GROUPS_READ, Scopes.IM_READ, Scopes.MPIM_READ}, tier = Tier.TIER_3)
    ApiResult info(ApiRequest request) {
        Caller caller = request.requireCaller();
        Channel channel = ChannelService.requireRead(caller,
                conversations.visible(caller, request.require("channel", "channel_not_found")));
        return ApiResult.of("channel", full(caller, channel, request.bool("include_num_members")));
    }

    @ApiMethod(value = "conversations.list",
            scopes = {Scopes.CHANNELS_READ, Scopes.GROUPS_READ, Scopes.IM_READ, Scopes.MPIM_READ}, tier = Tier.TIER_2)
    ApiResult list(ApiRequest request) {
        Caller caller = request.requireCaller();
        int limit = request.limit(100, 1000);
        String after = request.string("cursor").map(c -> Cursors.decode(c, "next_id")).orElse("");
        List<Channel> page = conversations.list(caller, types(request, caller), request.bool("exclude_archived"), after,
                limit + 1);
        return page(caller, page, limit);
    }

    @ApiMethod(value = "users.conversations",
            scopes = {Scopes.CHANNELS_READ, Scopes.GROUPS_READ, Scopes.IM_READ, Scopes.MPIM_READ}, tier = Tier.TIER_3)
    ApiResult userConversations(ApiRequest request) {
        Caller caller = request.requireCaller();
        int limit = request.limit(100, 1000);
        String after = request.string("cursor").map(c -> Cursors.decode(c, "next_id")).orElse("");
        List<Channel> page = membership.conversationsOf(caller, request.string("user").orElse(null), types(request, caller),
                request.bool("exclude_archived"), after, limit + 1);
        return page(caller, page, limit);
    }

    // Slack: channels:join for bots (channels:write for people, whose sessions hold every scope).
    @ApiMethod(value = "conversations.join", scopes = Scopes.CHANNELS_JOIN, access = Access.MEMBERS, tier = Tier.TIER_3)
    ApiResult join(ApiRequest request) {
        Caller caller = request.requireCaller();
        String channelId = request.require("channel", "channel_not_found");
        boolean joined = membership.join(caller, channelId);
        ApiResult result = ApiResult.of("channel", full(caller, conversations.visible(caller, channelId), true));
        if (!joined) {
            result.with("warning", "already_in_channel")
                    .with("response_metadata", Map.of("warnings", List.of("already_in_channel")));
        }
        return result;
    }

    @ApiMethod(value = "conversations.leave",
            scopes = {Scopes.CHANNELS_MANAGE, Scopes.GROUPS_WRITE, Scopes.IM_WRITE, Scopes.MPIM_WRITE}, tier = Tier.TIER_3)
    ApiResult leave(ApiRequest request) {
        Caller caller = request.requireCaller();
        boolean left = membership.leave(caller, request.require("channel", "channel_not_found"));
        return left ? ApiResult.ok() : ApiResult.of("not_in_channel", true);
    }

    @ApiMethod(value = "conversations.invite",
            scopes = {Scopes.CHANNELS_MANAGE, Scopes.GROUPS_WRITE}, access = Access.MEMBERS, tier = Tier.TIER_3)
    ApiResult invite(ApiRequest request) {
        Caller caller = request.requireCaller();
        Channel channel = membership.invite(caller, request.require("channel", "channel_not_found"),
                csv(request.require("users", "no_user")));
        return ApiResult.of("channel", full(caller, channel, true));
    }

    @ApiMethod(value = "conversations.kick", scopes = {Scopes.CHANNELS_MANAGE, Scopes.GROUPS_WRITE},
            access = Access.MEMBERS, tier = Tier.TIER_3)
    ApiResult kick(ApiRequest request) {
        Caller caller = request.requireCaller();
        membership.kick(caller, request.require("channel", "channel_not_found"), request.require("user", "user_not_found"));
        return ApiResult.ok();
    }

    @ApiMethod(value = "conversations.members",
            scopes = {Scopes.CHANNELS_READ, Scopes.GROUPS_READ, Scopes.IM_READ, Scopes.MPIM_READ}, tier = Tier.TIER_4)
    ApiResult members(ApiRequest request) {
        Caller caller = request.requireCaller();
        int limit = request.limit(100, 1000);
        String after = request.string("cursor").map(c -> Cursors.decode(c, "next_id")).orElse("");
        List<String> page = membership.members(caller, request.require("channel", "channel_not_found"), after, limit + 1);
        boolean more = page.size() > limit;
        List<String> shown = more ? page.subList(0, limit) : page;
        return ApiResult.of("members", shown).nextCursor(more ? Cursors.encode("next_id", shown.getLast()) : "");
    }

    @ApiMethod(value = "conversations.rename",
            scopes = {Scopes.CHANNELS_MANAGE, Scopes.GROUPS_WRITE}, tier = Tier.TIER_2)
    ApiResult rename(ApiRequest request) {
        Caller caller = request.requireCaller();
        Channel channel = conversations.rename(caller, request.require("channel", "channel_not_found"),
                request.string("name").orElse(null));
        return ApiResult.of("channel", full(caller, channel, false));
    }

    @ApiMethod(value = "conversations.setTopic",
            scopes = {Scopes.CHANNELS_MANAGE, Scopes.GROUPS_WRITE, Scopes.IM_WRITE, Scopes.MPIM_WRITE}, tier = Tier.TIER_2)
    ApiResult setTopic(ApiRequest request) {
        Caller caller = request.requireCaller();
        Channel channel = conversations.setTopic(caller, request.require("channel", "channel_not_found"),
                request.string("topic").orElse(""), false);
        return ApiResult.of("channel", full(caller, channel, false));
    }

    @ApiMethod(value = "conversations.setPurpose",
            scopes = {Scopes.CHANNELS_MANAGE, Scopes.GROUPS_WRITE, Scopes.IM_WRITE, Scopes.MPIM_WRITE}, tier = Tier.TIER_2)
    ApiResult setPurpose(ApiRequest request) {
        Caller caller = request.requireCaller();
        Channel channel = conversations.setTopic(caller, request.require("channel", "channel_not_found"),
                request.string("purpose").orElse(""), true);
        return ApiResult.of("channel", full(caller, channel, false));
    }

    @ApiMethod(value = "conversations.archive",
            scopes = {Scopes.CHANNELS_MANAGE, Scopes.GROUPS_WRITE}, access = Access.MEMBERS, tier = Tier.TIER_2)
    ApiResult archive(ApiRequest request) {
        conversations.archive(request.requireCaller(), request.require("channel", "channel_not_found"), true);
        return ApiResult.ok();
    }

    @ApiMethod(value = "conversations.unarchive",
            scopes = {Scopes.CHANNELS_MANAGE, Scopes.GROUPS_WRITE}, access = Access.MEMBERS, tier = Tier.TIER_2)
    ApiResult unarchive(ApiRequest request) {
        conversations.archive(request.requireCaller(), request.require("channel", "channel_not_found"), false);
        return ApiResult.ok();
    }

    @ApiMethod(value = "admin.conversations.convertToPrivate", access = Access.ADMINS, tokens = TokenKind.USER,
            tier = Tier.TIER_2)
    ApiResult convertToPrivate(ApiRequest request) {
        conversations.convert(request.requireCaller(), request.require("channel_id", "channel_not_found"), true);
        return ApiResult.ok();
    }

    @ApiMethod(value = "admin.conversations.convertToPublic", access = Access.ADMINS, tokens = TokenKind.USER,
            tier = Tier.TIER_2)
    ApiResult convertToPublic(ApiRequest request) {
        conversations.convert(request.requireCaller(), request.require("channel_id", "channel_not_found"), false);
        return ApiResult.ok();
    }

    @ApiMethod(value = "conversations.open",
            scopes = {Scopes.CHANNELS_MANAGE, Scopes.GROUPS_WRITE, Scopes.IM_WRITE, Scopes.MPIM_WRITE}, tier = Tier.TIER_3)
    ApiResult open(ApiRequest request) {
        Caller caller = request.requireCaller();
        Channel channel;
        boolean alreadyOpen;
        if (request.string("channel").isPresent()) {
            channel = conversations.visible(caller, request.string("channel").get());
            if (!channel.isDirect()) {
                throw new SlackApiException("method_not_supported_for_channel_type");
            }
            ChannelService.requireWrite(caller, channel);
            alreadyOpen = true;
        } else {
            DirectMessageService.Opened opened = directMessages.open(caller,
                    csv(request.require("users", "users_list_not_supplied")));
            channel = opened.channel();
            alreadyOpen = opened.alreadyOpen();
        }
        Map<String, Object> view = request.bool("return_im") ? full(caller, channel, false) : Map.of("id", channel.id());
        ApiResult result = ApiResult.of("channel", view);
        if (alreadyOpen) {
            result.with("no_op", true).with("already_open", true);
        }
        return result;
    }

    @ApiMethod(value = "conversations.mark",
            scopes = {Scopes.CHANNELS_MANAGE, Scopes.GROUPS_WRITE, Scopes.IM_WRITE, Scopes.MPIM_WRITE}, tier = Tier.TIER_3)
    ApiResult mark(ApiRequest request) {
        Caller caller = request.requireCaller();
        readMarkers.mark(caller, request.require("channel", "channel_not_found"), request.require("ts", "invalid_timestamp"));
        return ApiResult.ok();
    }

    private ApiResult page(Caller caller, List<Channel> page, int limit) {
        boolean more = page.size() > limit;
        List<Channel> shown = more ? page.subList(0, limit) : page;
        Set<String> mine = Set.copyOf(membership.memberChannels(caller.workspaceId(), caller.userId()));
        return ApiResult.of("channels", shown.stream()
                        .map(c -> ChannelView.full(c, mine.contains(c.id()), null, null, imUser(c, caller)))
                        .toList())
                .nextCursor(more ? Cursors.encode("next_id", shown.getLast().id()) : "");
    }

    private Map<String, Object> full(Caller caller, Channel channel, boolean withMembers) {
        ReadMarkerService.ReadState read = readMarkers.state(channel, caller.userId());
        return ChannelView.full(channel, read != null, read,
                withMembers ? conversations.memberCount(channel) : null, imUser(channel, caller));
    }

    /** For an im, the other member (or the caller, for their DM with themselves). */
    private String imUser(Channel channel, Caller caller) {
        if (!Channel.IM.equals(channel.type())) {
            return null;
        }
        List<String> members = channels.members(channel.workspaceId(), channel.id(), "", 2);
        return members.stream().filter(m -> !m.equals(caller.userId())).findFirst().orElse(caller.userId());
    }

    /** The {@code types} asked for; the token needs the read scope of each ({@code groups:read} for private, …). */
    private static Set<String> types(ApiRequest request, Caller caller) {
        Set<String> types = new LinkedHashSet<>();
        for (String name : csv(request.string("types").orElse("public_channel"))) {
            String type = TYPES.get(name);
            if (type == null) {
                throw new SlackApiException("invalid_types");
            }
            types.add(type);
        }
        types.forEach(type -> caller.requireScope(Scopes.readOf(type)));
        return types;
    }

    private static List<String> csv(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
