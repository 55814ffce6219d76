package dev.parley.workspace.token;

import dev.parley.common.auth.AuthProperties;
import dev.parley.common.auth.TokenRevocations;
import dev.parley.common.pubsub.TtlKeys;
import dev.parley.workspace.security.SecurityAudit;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Token issuing: the encrypted signing keys and their rotation, access tokens and refresh tokens. */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    @Bean
    KeyEncryption keyEncryption(AuthProperties auth) {
        return KeyEncryption.from(auth);
    }

    @Bean(initMethod = "load")
    SigningKeys signingKeys(SigningKeyRepository repository, KeyEncryption encryption, AuthProperties auth) {
        if (!auth.algorithms().contains(SigningKeys.ALGORITHM)) {
            throw new IllegalStateException("parley.auth.algorithms must include " + SigningKeys.ALGORITHM
                    + ", the algorithm the workspace service signs tokens with; it is " + auth.algorithms());
        }
        return new SigningKeys(repository, encryption, auth, Clock.systemUTC());
    }

    @Bean
    SigningKeyRotation signingKeyRotation(SigningKeys keys, TtlKeys leases, AuthProperties auth, SecurityAudit audit) {
        return new SigningKeyRotation(keys, leases, auth.signingKeyLifetime(), audit);
    }

    @Bean
    TokenIssuer tokenIssuer(SigningKeys keys, TokenRevocations revocations, AuthProperties auth) {
        return new TokenIssuer(keys, revocations, auth, Clock.systemUTC());
    }

    @Bean
    RefreshTokens refreshTokens(RefreshTokenRepository repository, AuthProperties auth) {
        return new RefreshTokens(repository, auth, Clock.systemUTC());
    }
}
