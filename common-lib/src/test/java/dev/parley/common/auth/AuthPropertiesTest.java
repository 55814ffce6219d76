package dev.parley.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The auth settings as Spring binds them: defaults, the environment-variable form, and values that stop start-up. */
class AuthPropertiesTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private static AuthProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("parley.auth", AuthProperties.class);
    }

    private static Throwable rootCause(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    @Test
    void defaultsNeedNothingConfigured() {
        AuthProperties auth = bind(Map.of());
        assertThat(auth.tokenTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(auth.refreshTokenTtl()).isEqualTo(Duration.ofDays(30));
        assertThat(auth.signingKeyLifetime()).isEqualTo(Duration.ofDays(30));
        assertThat(auth.algorithms()).containsExactly("ES256");
        assertThat(auth.jwksRefresh()).isEqualTo(Duration.ofSeconds(10));
        assertThat(auth.keyEncryptionKeyBytes()).isEmpty();
        assertThat(auth.revocationRetention()).isEqualTo(Duration.ofMinutes(65));
        assertThat(auth).isEqualTo(AuthProperties.defaults());
    }

    @Test
    void theKeyEncryptionKeyBindsFromAnEnvironmentVariableAndStaysOutOfToString() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-env",
                Map.of("PARLEY_AUTH_KEY_ENCRYPTION_KEY", KEY, "PARLEY_AUTH_TOKEN_TTL", "15m")));
        AuthProperties auth = new Binder(ConfigurationPropertySources.get(env)).bindOrCreate("parley.auth", AuthProperties.class);
        assertThat(auth.keyEncryptionKeyBytes()).hasValueSatisfying(k -> assertThat(k).hasSize(32));
        assertThat(auth.tokenTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(auth.toString()).doesNotContain(KEY).contains("keyEncryptionKey=(set)");
    }

    @Test
    void aMalformedKeyEncryptionKeyStopsStartUpWithAClearMessage() {
        assertThatThrownBy(() -> bind(Map.of("parley.auth.key-encryption-key", "not base64!")))
                .isInstanceOf(BindException.class)
                .satisfies(e -> assertThat(rootCause(e).getMessage()).contains("parley.auth.key-encryption-key is not base64"));
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> bind(Map.of("parley.auth.key-encryption-key", short16)))
                .satisfies(e -> assertThat(rootCause(e).getMessage()).contains("must be 32 bytes").contains("not 16 bytes")
                        .doesNotContain(short16));
    }

    @Test
    void onlyAsymmetricAlgorithmsMayBeAllowed() {
        assertThat(bind(Map.of("parley.auth.algorithms", "ES256,RS256")).algorithms()).containsExactly("ES256", "RS256");
        for (String bad : List.of("none", "HS256", "es256")) {
            assertThatThrownBy(() -> bind(Map.of("parley.auth.algorithms", bad)))
                    .satisfies(e -> assertThat(rootCause(e).getMessage())
                            .contains("parley.auth.algorithms: " + bad + " is not an asymmetric signature algorithm"));
        }
    }

    @Test
    void durationsMustBePositive() {
        assertThatThrownBy(() -> bind(Map.of("parley.auth.token-ttl", "0s")))
                .satisfies(e -> assertThat(rootCause(e).getMessage()).contains("parley.auth.token-ttl must be a positive duration"));
        assertThatThrownBy(() -> bind(Map.of("parley.auth.refresh-token-ttl", "-1d")))
                .satisfies(e -> assertThat(rootCause(e).getMessage()).contains("parley.auth.refresh-token-ttl"));
    }
}
