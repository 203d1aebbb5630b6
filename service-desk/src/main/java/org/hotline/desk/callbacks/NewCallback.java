package org.hotline.desk.callbacks;

import java.time.Instant;
import java.util.Optional;

/** A callback to schedule: to whom, why, for which queue, when (window, due time) and how urgent. */
public record NewCallback(CallbackReason reason, String phone, Optional<Long> customerId, Optional<Long> recordId,
                          Optional<Long> originCallId, Optional<Long> queueId, Optional<String> skill,
                          Optional<Long> ownerAgentId, Optional<Instant> notBefore, Optional<Instant> notAfter,
                          Instant dueAt, int priority, Optional<String> note) {

    public static NewCallback of(CallbackReason reason, String phone, Instant dueAt) {
        return new NewCallback(reason, phone, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), dueAt, 0, Optional.empty());
    }

    public NewCallback forRecord(long recordId, Optional<Long> customerId) {
        return new NewCallback(reason, phone, customerId, Optional.of(recordId), originCallId, queueId, skill, ownerAgentId,
                notBefore, notAfter, dueAt, priority, note);
    }

    public NewCallback inQueue(long queueId) {
        return new NewCallback(reason, phone, customerId, recordId, originCallId, Optional.of(queueId), skill, ownerAgentId,
                notBefore, notAfter, dueAt, priority, note);
    }

    public NewCallback ownedBy(long agentId) {
        return new NewCallback(reason, phone, customerId, recordId, originCallId, queueId, skill, Optional.of(agentId),
                notBefore, notAfter, dueAt, priority, note);
    }

    public NewCallback within(Optional<Instant> notBefore, Optional<Instant> notAfter) {
        return new NewCallback(reason, phone, customerId, recordId, originCallId, queueId, skill, ownerAgentId,
                notBefore, notAfter, dueAt, priority, note);
    }

    public NewCallback withPriority(int priority) {
        return new NewCallback(reason, phone, customerId, recordId, originCallId, queueId, skill, ownerAgentId,
                notBefore, notAfter, dueAt, priority, note);
    }

    public NewCallback forCustomer(Optional<Long> customerId) {
        return new NewCallback(reason, phone, customerId, recordId, originCallId, queueId, skill, ownerAgentId,
                notBefore, notAfter, dueAt, priority, note);
    }

    public NewCallback withNote(String note) {
        return new NewCallback(reason, phone, customerId, recordId, originCallId, queueId, skill, ownerAgentId,
                notBefore, notAfter, dueAt, priority, Optional.of(note));
    }

    /** The call this callback answers (the caller who gave up waiting on it). */
    public NewCallback fromCall(Optional<Long> callId) {
        return new NewCallback(reason, phone, customerId, recordId, callId, queueId, skill, ownerAgentId,
                notBefore, notAfter, dueAt, priority, note);
    }
}
