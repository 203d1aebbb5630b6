package org.hotline.api.auth;

import org.jooq.DSLContext;

import java.util.Optional;

import static org.hotline.schema.jooq.Tables.AGENT;

/** The users of the API are the agent rows: username, role, password hash, active flag. */
public final class Users {

    private final PasswordHasher hasher;

    public Users(PasswordHasher hasher) {
        this.hasher = hasher;
    }

    /** The active user with this name and password; empty for a wrong name, a wrong password or no password set. */
    public Optional<User> authenticate(DSLContext db, String username, String password) {
        var row = db.selectFrom(AGENT).where(AGENT.USERNAME.eq(username).and(AGENT.ACTIVE)).fetchOptional();
        boolean matches = hasher.matches(password, row.map(r -> r.getPasswordHash()).orElse(null));
        return row.filter(r -> matches && r.getPasswordHash() != null).map(Users::user);
    }

    public Optional<User> find(DSLContext db, long id) {
        return db.selectFrom(AGENT).where(AGENT.ID.eq(id).and(AGENT.ACTIVE)).fetchOptional().map(Users::user);
    }

    /** The id of the user of this name, active or not. */
    public static Optional<Long> idOf(DSLContext db, String username) {
        return db.select(AGENT.ID).from(AGENT).where(AGENT.USERNAME.eq(username)).fetchOptional(AGENT.ID);
    }

    /** Sets (or replaces) a user's password. */
    public void setPassword(DSLContext db, long id, String password) {
        db.update(AGENT).set(AGENT.PASSWORD_HASH, hasher.hash(password)).set(AGENT.UPDATED_AT, java.time.OffsetDateTime.now())
                .where(AGENT.ID.eq(id)).execute();
    }

    private static User user(org.hotline.schema.jooq.tables.records.AgentRecord r) {
        return new User(r.getId(), r.getUsername(), r.getDisplayName(), Role.fromDb(r.getRole()));
    }
}
