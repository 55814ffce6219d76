package dev.parley.common.api;

import dev.parley.common.role.Role;
import java.util.List;
import java.util.Optional;

/** Which service owns which Web API method: the routing table a gateway uses to forward calls it cannot serve. */
public final class ApiRoutes {

    private record Route(String prefix, Role role) {
    }

    /** The role serving incoming webhooks ({@code /hooks/T…/B…/<secret>}), where bots and their tokens live. */
    public static final Role WEBHOOKS = Role.WORKSPACE;

    // First match wins, so exact methods come before the family they would otherwise fall into.
    private static final List<Route> ROUTES = List.of(
            new Route("conversations.history", Role.MESSAGING),
            new Route("conversations.replies", Role.MESSAGING),
            new Route("conversations.inviteShared", Role.CONNECT),
            new Route("conversations.acceptSharedInvite", Role.CONNECT),
            new Route("conversations.", Role.CHANNEL),
            // Slack files these under admin.*, but they change channels, which the channel service owns.
            new Route("admin.conversations.", Role.CHANNEL),
            new Route("users.conversations", Role.CHANNEL),
            new Route("users.getPresence", Role.PRESENCE),
            new Route("users.setPresence", Role.PRESENCE),
            new Route("dnd.", Role.PRESENCE),
            new Route("chat.", Role.MESSAGING),
            new Route("reactions.", Role.MESSAGING),
            new Route("pins.", Role.MESSAGING),
            new Route("search.", Role.SEARCH),
            new Route("files.", Role.FILES),
            new Route("auth.", Role.WORKSPACE),
            new Route("oauth.", Role.WORKSPACE),
            new Route("team.", Role.WORKSPACE),
            new Route("users.", Role.WORKSPACE),
            new Route("usergroups.", Role.WORKSPACE),
            new Route("admin.", Role.WORKSPACE),
            new Route("apps.", Role.WORKSPACE),
            new Route("bots.", Role.WORKSPACE),
            new Route("workspaces.", Role.WORKSPACE));

    private ApiRoutes() {
    }

    public static Optional<Role> owner(String method) {
        return ROUTES.stream().filter(r -> method.startsWith(r.prefix())).map(Route::role).findFirst();
    }
}
