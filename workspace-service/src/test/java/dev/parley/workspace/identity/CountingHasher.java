package dev.parley.workspace.identity;

import java.util.concurrent.atomic.AtomicInteger;

/** The real BCrypt hasher, counting the hashes computed: a timing-free view of what a sign-in costs. */
final class CountingHasher implements PasswordHasher {

    private final PasswordHasher real = new BCryptPasswordHasher();
    private final AtomicInteger hashes = new AtomicInteger();

    @Override
    public String newSalt() {
        return real.newSalt();
    }

    @Override
    public String hash(String password, String salt) {
        hashes.incrementAndGet();
        return real.hash(password, salt);
    }

    @Override
    public String saltOf(String storedHash) {
        return real.saltOf(storedHash);
    }

    /** Hashes computed since the last call. */
    int take() {
        return hashes.getAndSet(0);
    }
}
