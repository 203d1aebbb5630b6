package org.hotline.api;

import java.time.Duration;

/**
 * How the agent API runs: the secret that signs access tokens (never logged), how long access
 * and refresh tokens live, and the largest request body taken.
 */
public record ApiSettings(String tokenSecret, Duration accessTokenTtl, Duration refreshTokenTtl, long maxBodyBytes) {

    public ApiSettings {
        if (tokenSecret.length() < 32) {
            throw new IllegalArgumentException("the token secret must be at least 32 characters");
        }
    }

    @Override
    public String toString() {
        return "ApiSettings[tokenSecret=****, accessTokenTtl=" + accessTokenTtl + ", refreshTokenTtl=" + refreshTokenTtl
                + ", maxBodyBytes=" + maxBodyBytes + "]";
    }
}
