package dev.parley.common.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.json.SlackJson;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JwksPublicKeysTest {

    private final KeyPair pair = Jwts.SIG.ES256.keyPair().build();
    private final AtomicInteger fetches = new AtomicInteger();

    private String slowJwks() {
        fetches.incrementAndGet();
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return SlackJson.write(Map.of("keys", List.of(Jwks.builder().key((ECPublicKey) pair.getPublic()).id("k1").build())));
    }

    @Test
    void callersThatArriveWhileTheFirstFetchRunsGetTheKeyItBrought() throws Exception {
        JwksPublicKeys keys = new JwksPublicKeys(this::slowJwks, Duration.ofSeconds(30));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<PublicKey>> found = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                found.add(pool.submit(() -> {
                    go.await();
                    return keys.find("k1");
                }));
            }
            go.countDown();
            for (Future<PublicKey> f : found) {
                assertThat(f.get()).isEqualTo(pair.getPublic());
            }
        }
        assertThat(fetches).hasValue(1);
    }

    @Test
    void anUnknownKeyIdRefetchesAtMostOncePerInterval() {
        JwksPublicKeys keys = new JwksPublicKeys(this::slowJwks, Duration.ofSeconds(30));
        assertThat(keys.find("other")).isNull();
        assertThat(keys.find("other")).isNull();
        assertThat(keys.find("k1")).isEqualTo(pair.getPublic());
        assertThat(fetches).hasValue(1);
    }
}
