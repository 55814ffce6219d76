package dev.parley.workspace.identity;

/**
 * Slow, salted password hashing. A port so tests can count the hashes a sign-in computes: every sign-in must cost
 * the same one hash whatever the accounts behind the email.
 */
public interface PasswordHasher {

    /** A fresh salt, carrying the cost, for an email that has no account yet. */
    String newSalt();

    /** The stored form of the password hashed with this salt (a salt, or a stored hash whose salt is reused). */
    String hash(String password, String salt);

    /** The salt part of a stored hash. */
    String saltOf(String storedHash);
}
