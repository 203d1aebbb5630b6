package org.hotline.desk.following;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.types.DayToSecond;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import static org.hotline.schema.jooq.Tables.ASTERISK_FOLLOWER;

/**
 * Which node follows each Asterisk server: a lease in PostgreSQL, taken and renewed by one
 * statement and timed by the database's clock alone (the nodes' clocks may differ). A node holds
 * the lease while it renews it within its term; once the term has run out any node may take it.
 */
public final class FollowerLeases {

    /** Who follows an Asterisk server, since when and until when unless renewed. */
    public record Holder(String asteriskServer, String node, Instant heldUntil, Instant followingSince) {
    }

    private final DSLContext db;
    private final int timeoutSeconds;

    /** @param timeout the longest a lease statement may take (a node that cannot renew in time must let go) */
    public FollowerLeases(DataSource dataSource, Duration timeout) {
        this.db = DSL.using(dataSource, SQLDialect.POSTGRES);
        this.timeoutSeconds = (int) Math.max(1, timeout.toSeconds());
    }

    /**
     * Takes or renews the lease of {@code server} for {@code node} for {@code term}: true when
     * {@code node} holds it now (it held it already, nobody did, or the holder's term had run out).
     */
    public boolean hold(String server, String node, Duration term) {
        Field<OffsetDateTime> now = DSL.field("clock_timestamp()", OffsetDateTime.class);
        Field<OffsetDateTime> until = now.plus(DayToSecond.valueOf(term));
        var f = ASTERISK_FOLLOWER;
        return db.insertInto(f).columns(f.ASTERISK_SERVER, f.NODE, f.HELD_UNTIL, f.FOLLOWING_SINCE)
                .values(DSL.val(server), DSL.val(node), until, now)
                .onConflict(f.ASTERISK_SERVER).doUpdate()
                .set(f.NODE, DSL.excluded(f.NODE))
                .set(f.HELD_UNTIL, DSL.excluded(f.HELD_UNTIL))
                .set(f.FOLLOWING_SINCE, DSL.when(f.NODE.eq(DSL.excluded(f.NODE)), f.FOLLOWING_SINCE)
                        .otherwise(DSL.excluded(f.FOLLOWING_SINCE)))
                .where(f.NODE.eq(DSL.excluded(f.NODE)).or(f.HELD_UNTIL.lt(now)))
                .queryTimeout(timeoutSeconds)
                .execute() == 1;
    }

    /** Ends {@code node}'s lease of {@code server} now, so that another node may take it at once; nothing when it holds none. */
    public void release(String server, String node) {
        var f = ASTERISK_FOLLOWER;
        db.update(f).set(f.HELD_UNTIL, DSL.field("clock_timestamp()", OffsetDateTime.class))
                .where(f.ASTERISK_SERVER.eq(server).and(f.NODE.eq(node)))
                .queryTimeout(timeoutSeconds)
                .execute();
    }

    /** Who holds the lease of {@code server} now (empty: nobody ever did, or the term has run out). */
    public Optional<Holder> holder(String server) {
        var f = ASTERISK_FOLLOWER;
        return db.selectFrom(f).where(f.ASTERISK_SERVER.eq(server).and(f.HELD_UNTIL.ge(DSL.field("clock_timestamp()", OffsetDateTime.class))))
                .fetchOptional(r -> new Holder(r.getAsteriskServer(), r.getNode(), r.getHeldUntil().toInstant(),
                        r.getFollowingSince().toInstant()));
    }
}
