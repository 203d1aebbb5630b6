package org.hotline.desk.escalations;

import org.hotline.desk.events.EventOutbox;
import org.hotline.desk.records.Actor;
import org.hotline.desk.records.RecordTrail;
import org.hotline.events.DeskEvent;
import org.hotline.events.DeskEventType;
import org.hotline.schema.jooq.tables.records.EscalationRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.hotline.schema.jooq.Tables.AGENT;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.ESCALATION;

/**
 * Escalations as people handle them (DOMAIN.md: supervisor, then the after-sales manager, then
 * company leadership; every escalation recorded with who and when): raised, acknowledged by the
 * one who takes it, resolved with a note; one nobody acknowledges within its level's time climbs
 * to the next level by itself ({@link DueEscalations}). Each step is in the record's audit trail
 * and announced as a desk event (supervisors' sockets show them live).
 */
public final class Escalations {

    private final Map<EscalationLevel, Duration> climbAfter;

    /** {@code climbAfter}: how long each level has to acknowledge before it climbs (a level left out does not climb). */
    public Escalations(Map<EscalationLevel, Duration> climbAfter) {
        this.climbAfter = Map.copyOf(climbAfter);
    }

    /** The escalations of the service desk's rules ({@code escalation.climb-after}). */
    public static Escalations of(org.hotline.desk.settings.DeskSettings settings) {
        Map<EscalationLevel, Duration> climb = new java.util.EnumMap<>(EscalationLevel.class);
        settings.escalationClimbAfter().forEach((level, after) -> climb.put(EscalationLevel.ofDbName(level), after));
        return new Escalations(climb);
    }

    /** The active users told of an escalation at {@code level} ({@link EscalationLevel#toldRoles()}). */
    public List<Long> told(DSLContext db, EscalationLevel level) {
        return db.select(AGENT.ID).from(AGENT).where(AGENT.ACTIVE.isTrue().and(AGENT.ROLE.in(level.toldRoles()))).orderBy(AGENT.ID)
                .fetch(AGENT.ID);
    }

    /** Raises an escalation of a record: stored, audited, announced ({@code record.escalated}). */
    public long raise(DSLContext tx, long recordId, EscalationLevel level, EscalationTrigger trigger, String reason, Actor actor, Instant now,
                      Optional<Long> climbedFrom) {
        Instant climbAt = level.next().isPresent() && climbAfter.containsKey(level) ? now.plus(climbAfter.get(level)) : null;
        long id = tx.insertInto(ESCALATION).set(ESCALATION.RECORD_ID, recordId).set(ESCALATION.LEVEL, level.dbName())
                .set(ESCALATION.TRIGGER, trigger.dbName()).set(ESCALATION.REASON, reason)
                .set(ESCALATION.RAISED_BY_AGENT_ID, actor.agentId().orElse(null)).set(ESCALATION.RAISED_AT, utc(now))
                .set(ESCALATION.CLIMB_AT, utc(climbAt)).set(ESCALATION.CLIMBED_FROM_ID, climbedFrom.orElse(null))
                .returning(ESCALATION.ID).fetchOne(ESCALATION.ID);
        Map<String, Object> details = new HashMap<>(Map.of("escalationId", id, "level", level.dbName(), "trigger", trigger.dbName()));
        climbedFrom.ifPresent(from -> details.put("climbedFrom", from));
        RecordTrail.write(tx, recordId, now, actor, "escalated", null, null, reason, details);
        Map<String, Object> payload = new HashMap<>(details);
        payload.put("reason", reason);
        EventOutbox.store(tx, List.of(DeskEvent.of(DeskEventType.RECORD_ESCALATED, "record", recordId, now, payload)));
        return id;
    }

    /** What to list: open ones only, those a person took ({@code acknowledgedBy}), one level. */
    public record Filter(boolean openOnly, Optional<Long> acknowledgedBy, Optional<EscalationLevel> level, int limit) {
    }

    /** Escalations, the newest first. */
    public List<Escalation> list(DSLContext db, Filter filter) {
        Condition where = DSL.trueCondition();
        if (filter.openOnly()) {
            where = where.and(ESCALATION.RESOLVED_AT.isNull());
        }
        if (filter.acknowledgedBy().isPresent()) {
            where = where.and(ESCALATION.ACKNOWLEDGED_BY_AGENT_ID.eq(filter.acknowledgedBy().get()));
        }
        if (filter.level().isPresent()) {
            where = where.and(ESCALATION.LEVEL.eq(filter.level().get().dbName()));
        }
        return db.select(ESCALATION.asterisk(), CONTACT_RECORD.NUMBER).from(ESCALATION).join(CONTACT_RECORD)
                .on(CONTACT_RECORD.ID.eq(ESCALATION.RECORD_ID)).where(where).orderBy(ESCALATION.RAISED_AT.desc(), ESCALATION.ID.desc())
                .limit(filter.limit()).fetch(r -> of(r.into(ESCALATION), r.get(CONTACT_RECORD.NUMBER)));
    }

    public Optional<Escalation> find(DSLContext db, long id) {
        return db.select(ESCALATION.asterisk(), CONTACT_RECORD.NUMBER).from(ESCALATION).join(CONTACT_RECORD)
                .on(CONTACT_RECORD.ID.eq(ESCALATION.RECORD_ID)).where(ESCALATION.ID.eq(id))
                .fetchOptional(r -> of(r.into(ESCALATION), r.get(CONTACT_RECORD.NUMBER)));
    }

    /** {@code who} takes the escalation: it stops climbing. A resolved one cannot be taken ({@link AlreadyResolved}). */
    public Escalation acknowledge(DSLContext tx, long id, Actor who, Instant now) {
        EscalationRecord row = open(tx, id);
        if (row.getAcknowledgedAt() == null) {
            take(row, who, now);
            row.update();
            handled(tx, row, who, now, "escalation_acknowledged", DeskEventType.ESCALATION_ACKNOWLEDGED, null);
        }
        return find(tx, id).orElseThrow();
    }

    /** {@code who} resolves the escalation with {@code note} (what was done); it is acknowledged too if it was not. */
    public Escalation resolve(DSLContext tx, long id, Actor who, String note, Instant now) {
        EscalationRecord row = open(tx, id);
        if (row.getAcknowledgedAt() == null) {
            take(row, who, now);
        }
        row.setResolvedAt(utc(now));
        row.setResolvedByAgentId(who.agentId().orElse(null));
        row.setResolution(note);
        row.update();
        handled(tx, row, who, now, "escalation_resolved", DeskEventType.ESCALATION_RESOLVED, note);
        return find(tx, id).orElseThrow();
    }

    /** The escalation, locked, still open ({@link AlreadyResolved} otherwise). */
    private static EscalationRecord open(DSLContext tx, long id) {
        EscalationRecord row = lock(tx, id);
        if (row.getResolvedAt() != null) {
            throw new AlreadyResolved(id);
        }
        return row;
    }

    /** Acknowledged by {@code who}: it climbs no more. */
    private static void take(EscalationRecord row, Actor who, Instant now) {
        row.setAcknowledgedAt(utc(now));
        row.setAcknowledgedByAgentId(who.agentId().orElse(null));
        row.setClimbAt(null);
    }

    /** An escalation not acknowledged nor resolved by its time to climb. */
    public static org.jooq.Condition dueToClimb(Instant now) {
        return ESCALATION.CLIMB_AT.le(utc(now)).and(ESCALATION.ACKNOWLEDGED_AT.isNull()).and(ESCALATION.RESOLVED_AT.isNull());
    }

    /**
     * Climbs the escalations nobody acknowledged in time (at most {@code limit}): each is closed as
     * climbed and a new one is raised at the next level. For the timers; returns how many climbed.
     */
    public int climbDue(DSLContext tx, Instant now, int limit) {
        var due = tx.selectFrom(ESCALATION).where(dueToClimb(now))
                .orderBy(ESCALATION.CLIMB_AT).limit(limit).forUpdate().skipLocked().fetch();
        for (EscalationRecord row : due) {
            EscalationLevel from = EscalationLevel.ofDbName(row.getLevel());
            EscalationLevel to = from.next().orElseThrow();
            String reason = "not acknowledged by the " + from.dbName() + " in time: " + row.getReason();
            row.setClimbAt(null);
            row.setResolvedAt(utc(now));
            row.setResolution("climbed to " + to.dbName());
            row.update();
            raise(tx, row.getRecordId(), to, EscalationTrigger.NOT_ACKNOWLEDGED, reason, Actor.system(), now, Optional.of(row.getId()));
        }
        return due.size();
    }

    private void handled(DSLContext tx, EscalationRecord row, Actor who, Instant now, String trailType, DeskEventType type, String note) {
        Map<String, Object> details = new HashMap<>(Map.of("escalationId", row.getId(), "level", row.getLevel()));
        RecordTrail.write(tx, row.getRecordId(), now, who, trailType, null, null, note, details);
        if (note != null) {
            details.put("resolution", note);
        }
        who.agentId().ifPresent(agent -> details.put("by", agent));
        EventOutbox.store(tx, List.of(DeskEvent.of(type, "record", row.getRecordId(), now, details)));
    }

    private static EscalationRecord lock(DSLContext tx, long id) {
        return tx.selectFrom(ESCALATION).where(ESCALATION.ID.eq(id)).forUpdate().fetchOptional()
                .orElseThrow(() -> new IllegalArgumentException("no escalation " + id));
    }

    private static Escalation of(EscalationRecord r, String recordNumber) {
        return new Escalation(r.getId(), r.getRecordId(), recordNumber, EscalationLevel.ofDbName(r.getLevel()),
                EscalationTrigger.ofDbName(r.getTrigger()),
                r.getReason(), r.getRaisedAt().toInstant(), Optional.ofNullable(r.getRaisedByAgentId()), instant(r.getAcknowledgedAt()),
                Optional.ofNullable(r.getAcknowledgedByAgentId()), instant(r.getResolvedAt()), Optional.ofNullable(r.getResolvedByAgentId()),
                Optional.ofNullable(r.getResolution()), instant(r.getClimbAt()), Optional.ofNullable(r.getClimbedFromId()));
    }

    private static Optional<Instant> instant(OffsetDateTime t) {
        return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The escalation was resolved already (or climbed): nothing more to do on it. */
    public static final class AlreadyResolved extends IllegalStateException {
        public AlreadyResolved(long id) {
            super("escalation " + id + " is resolved already");
        }
    }
}
