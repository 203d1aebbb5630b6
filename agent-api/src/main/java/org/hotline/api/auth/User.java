package org.hotline.api.auth;

/** Someone signed in: an agent row with its role. */
public record User(long id, String username, String displayName, Role role) {
}
