package dev.parley.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import tools.jackson.databind.JsonNode;

/**
 * A fresh workspace bootstrapped through the documented API: its owner, then users each signed in. User {@code n}
 * calls the Web API through gateway {@code n} of the target (round-robin), so users are spread over the gateways.
 */
public record BenchTeam(String teamId, String domain, List<ParleyApi> users) {

    // Each user costs two BCrypt hashes on the server (create, sign-in); a few callers keep both cores busy.
    private static final int BOOTSTRAP_CALLERS = 4;

    public static BenchTeam create(Target target, int size) {
        ParleyApi anonymous = new ParleyApi(ParleyApi.newHttpClient(), target.baseUrl(), null);
        String domain = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode created = anonymous.ok("workspaces.create", "name", "Bench " + domain, "domain", domain,
                "email", "user0@" + domain + ".test", "password", "bench password 0", "real_name", "User 0");
        ParleyApi owner = anonymous.withToken(created.path("token").asString());
        List<ParleyApi> users = new ArrayList<>(List.of(owner));
        users.addAll(parallel(size - 1, i -> {
            int n = i + 1;
            String email = "user" + n + "@" + domain + ".test";
            ParleyApi there = anonymous.at(target.baseUrl(n));
            owner.at(target.baseUrl(n)).ok("admin.users.create", "email", email, "password", "bench password " + n,
                    "real_name", "User " + n);
            return there.withToken(there.ok("auth.signin", "email", email, "password", "bench password " + n)
                    .path("token").asString());
        }));
        return new BenchTeam(created.path("team").path("id").asString(), domain, List.copyOf(users));
    }

    /** Creates a public channel owned by {@code users[from]} and joins {@code users[from..from+count)} to it. */
    public String channel(String name, int from, int count) {
        String id = users.get(from).ok("conversations.create", "name", name).path("channel").path("id").asString();
        parallel(count - 1, i -> users.get(from + 1 + i).ok("conversations.join", "channel", id));
        return id;
    }

    static <T> List<T> parallel(int count, IntFunction<T> task) {
        try (ExecutorService pool = Executors.newFixedThreadPool(BOOTSTRAP_CALLERS)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> task.apply(n)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (Exception e) {
            throw new IllegalStateException("bootstrap failed: " + e.getMessage(), e);
        }
    }
}
