package dev.parley.common.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.api.ApiMethod.Access;
import dev.parley.common.api.ApiMethod.Tier;
import dev.parley.common.auth.Scopes;
import dev.parley.common.auth.TokenKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** The internal list of served methods names each one with the rules the dispatcher enforces for it. */
class ApiMethodsEndpointTest {

    @WebApi
    static class Served {
        @ApiMethod(value = "pins.add", scopes = Scopes.PINS_WRITE, tier = Tier.TIER_2)
        ApiResult pin(ApiRequest request) {
            return ApiResult.ok();
        }

        @ApiMethod(value = "admin.users.create", access = Access.ADMINS, tokens = TokenKind.USER)
        ApiResult create(ApiRequest request) {
            return ApiResult.ok();
        }

        @ApiMethod(value = "auth.signin", authenticated = false)
        ApiResult signIn(ApiRequest request) {
            return ApiResult.ok();
        }
    }

    @Test
    void everyServedMethodIsListedWithItsRules() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Served.class)) {
            Map<String, Object> answer = new ApiMethodsEndpoint(new ApiMethodRegistry(context)).methods();

            assertThat(answer.get("methods")).isEqualTo(List.of(
                    Map.of("name", "admin.users.create", "authenticated", true, "scopes", List.of(), "access", "admins",
                            "tokens", List.of("user"), "tier", "tier_3"),
                    Map.of("name", "auth.signin", "authenticated", false, "scopes", List.of(), "access", "anyone",
                            "tokens", List.of("user", "bot"), "tier", "tier_3"),
                    Map.of("name", "pins.add", "authenticated", true, "scopes", List.of("pins:write"), "access", "anyone",
                            "tokens", List.of("user", "bot"), "tier", "tier_2")));
        }
    }
}
