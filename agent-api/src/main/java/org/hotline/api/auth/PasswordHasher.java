package org.hotline.api.auth;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Passwords hashed with Argon2id (Spring Security's encoder on BouncyCastle's Argon2, with its
 * recommended parameters: 16 MB, 2 iterations, salted). Hashing takes tens of milliseconds on
 * purpose: call it off the event loop.
 */
public final class PasswordHasher {

    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    /** Compared against when the user does not exist, so a wrong name takes as long as a wrong password. */
    private final String decoy = encoder.encode("no such user");

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        return encoder.matches(password, hash == null ? decoy : hash);
    }
}
