package org.hotline.desk.calls;

import org.hotline.desk.access.NotYours;
import org.hotline.desk.access.References;
import org.hotline.desk.settings.CallDispositions;
import org.jooq.DSLContext;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.hotline.schema.jooq.Tables.CALL;

/**
 * Every answered call registered (来电必答): at wrap-up the agent who answered it says what it came
 * to, the record it made or was about, or one of the call dispositions. A supervisor may say it
 * for them.
 */
public final class CallRegistration {

    /** What an answered call came to: a record, or a disposition of the list. */
    public record Registered(long callId, String disposition, Optional<Long> recordId) {
    }

    private CallRegistration() {
    }

    public static Registered register(DSLContext tx, long callId, Optional<String> disposition, Optional<Long> recordId,
                                      Optional<String> note, long agentId, boolean supervises, CallDispositions dispositions, Instant now) {
        var call = tx.selectFrom(CALL).where(CALL.ID.eq(callId)).forUpdate().fetchOptional()
                .orElseThrow(() -> new IllegalArgumentException("no call " + callId));
        if (!supervises && !Long.valueOf(agentId).equals(call.getAgentId())) {
            throw new NotYours("call " + callId + " was answered by another agent");
        }
        if (call.getAnsweredAt() == null) {
            throw new IllegalStateException("call " + callId + " was not answered: there is nothing to register");
        }
        String code;
        if (recordId.isPresent()) {
            References.record(tx, recordId.get());
            call.setRecordId(recordId.get());
            code = CallDispositions.RECORD;
        } else {
            code = disposition.orElseThrow(() -> new IllegalArgumentException("disposition or recordId: what the call came to"));
            if (!dispositions.allows(code)) {
                throw new IllegalArgumentException("disposition: one of " + String.join(", ", dispositions.dispositions().keySet()));
            }
        }
        call.setDisposition(code);
        call.setDispositionNote(note.orElse(null));
        call.setDisposedByAgentId(agentId);
        call.setDisposedAt(now.atOffset(ZoneOffset.UTC));
        call.update();
        return new Registered(callId, code, Optional.ofNullable(call.getRecordId()));
    }
}
