package dev.parley.common.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.common.api.ApiMethod.Access;
import dev.parley.common.auth.Caller;
import dev.parley.common.auth.Scopes;
import dev.parley.common.auth.TokenKind;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules every service's Web API shares: token kind, then scopes, then role. */
class ApiAuthorizationTest {

    static class Methods {
        @ApiMethod(value = "chat.postMessage", scopes = Scopes.CHAT_WRITE)
        void post() {
        }

        @ApiMethod(value = "conversations.history", scopes = {Scopes.CHANNELS_HISTORY, Scopes.GROUPS_HISTORY})
        void history() {
        }

        @ApiMethod(value = "admin.users.create", access = Access.ADMINS, tokens = TokenKind.USER)
        void admin() {
        }

        @ApiMethod(value = "conversations.create", access = Access.MEMBERS)
        void create() {
        }

        @ApiMethod(value = "admin.owners", access = Access.OWNERS)
        void owners() {
        }
    }

    static ApiMethod rules(String name) throws NoSuchMethodException {
        return Methods.class.getDeclaredMethod(name).getAnnotation(ApiMethod.class);
    }

    static Caller bot(String... scopes) {
        return new Caller("T1", "U1", "member", TokenKind.BOT, Set.of(scopes), "B1");
    }

    @Test
    void botWithoutTheScopeGetsMissingScopeWithNeededAndProvided() throws Exception {
        SlackApiException e = catchThrowableOfType(SlackApiException.class,
                () -> ApiDispatcher.authorize(rules("post"), bot(Scopes.CHANNELS_READ, Scopes.USERS_READ)));
        assertThat(e.error()).isEqualTo("missing_scope");
        assertThat(e.extra()).containsEntry("needed", "chat:write")
                .containsEntry("provided", "channels:read,users:read");
    }

    @Test
    void anyOneOfTheListedScopesIsEnough() throws Exception {
        assertThatCode(() -> ApiDispatcher.authorize(rules("history"), bot(Scopes.GROUPS_HISTORY)))
                .doesNotThrowAnyException();
        SlackApiException e = catchThrowableOfType(SlackApiException.class,
                () -> ApiDispatcher.authorize(rules("history"), bot(Scopes.CHAT_WRITE)));
        assertThat(e.extra()).containsEntry("needed", "channels:history,groups:history");
    }

    @Test
    void userSessionsHoldEveryScope() throws Exception {
        assertThatCode(() -> ApiDispatcher.authorize(rules("post"), new Caller("T1", "U1", "member")))
                .doesNotThrowAnyException();
    }

    @Test
    void rolesAreCheckedAfterScopes() throws Exception {
        assertThat(error(rules("admin"), new Caller("T1", "U1", "member"))).isEqualTo("not_an_admin");
        assertThat(error(rules("admin"), new Caller("T1", "U1", "admin"))).isNull();
        assertThat(error(rules("admin"), bot(Scopes.ADMIN))).isEqualTo("not_allowed_token_type");
        assertThat(error(rules("create"), new Caller("T1", "U1", "guest"))).isEqualTo("restricted_action");
        assertThat(error(rules("create"), new Caller("T1", "U1", "single_channel_guest")))
                .isEqualTo("restricted_action");
        assertThat(error(rules("create"), new Caller("T1", "U1", "member"))).isNull();
        assertThat(error(rules("owners"), new Caller("T1", "U1", "admin"))).isEqualTo("not_an_owner");
        assertThat(error(rules("owners"), new Caller("T1", "U1", "owner"))).isNull();
    }

    private static String error(ApiMethod rules, Caller caller) {
        try {
            ApiDispatcher.authorize(rules, caller);
            return null;
        } catch (SlackApiException e) {
            return e.error();
        }
    }
}
