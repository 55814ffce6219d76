package dev.parley.workspace.identity;

import org.springframework.security.crypto.bcrypt.BCrypt;
import org.springframework.stereotype.Component;

/** BCrypt at cost 10: slow enough to resist offline guessing, fast enough for an interactive sign-in. */
@Component
class BCryptPasswordHasher implements PasswordHasher {

    static final int COST = 10;
    // "$2a$10$" and 22 characters of salt.
    private static final int SALT_LENGTH = 29;

    @Override
    public String newSalt() {
        return BCrypt.gensalt(COST);
    }

    @Override
    public String hash(String password, String salt) {
        return BCrypt.hashpw(password, saltOf(salt));
    }

    @Override
    public String saltOf(String storedHash) {
        return storedHash.substring(0, Math.min(SALT_LENGTH, storedHash.length()));
    }
}
