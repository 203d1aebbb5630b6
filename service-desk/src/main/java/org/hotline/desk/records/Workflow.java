package org.hotline.desk.records;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.hotline.desk.records.RecordStatus.*;

/**
 * The steps of each record type (DOMAIN.md, workflows): where a record starts, where it may go
 * from each status, and the record events that entering a status raises (they drive the SLA
 * clocks). Any open record may also be cancelled.
 */
public final class Workflow {

    private static final Map<RecordType, Workflow> WORKFLOWS = new EnumMap<>(RecordType.class);

    static {
        Workflow field = new Workflow(REGISTERED, Map.ofEntries(
                Map.entry(REGISTERED, Set.of(WARRANTY_CHECKED)),
                Map.entry(WARRANTY_CHECKED, Set.of(DISPATCHED, AWAITING_FEE_CONSENT)),
                Map.entry(AWAITING_FEE_CONSENT, Set.of(FEE_CONSENTED, CLOSED)), // the fee refused: closed with that reason
                Map.entry(FEE_CONSENTED, Set.of(DISPATCHED)),
                Map.entry(DISPATCHED, Set.of(TECHNICIAN_CONTACTED)),
                Map.entry(TECHNICIAN_CONTACTED, Set.of(ON_SITE)),
                Map.entry(ON_SITE, Set.of(DONE)),
                Map.entry(DONE, Set.of(RETURN_VISIT)),
                Map.entry(RETURN_VISIT, Set.of(CLOSED))));
        WORKFLOWS.put(RecordType.REPAIR, field);
        WORKFLOWS.put(RecordType.INSTALLATION, field);
        WORKFLOWS.put(RecordType.MAINTENANCE, field);
        WORKFLOWS.put(RecordType.COMPLAINT, new Workflow(RECORDED, Map.of(
                RECORDED, Set.of(VALIDITY_JUDGED),
                VALIDITY_JUDGED, Set.of(ASSIGNED, CLOSED),          // not upheld: closed with the reason
                ASSIGNED, Set.of(INVESTIGATING),
                INVESTIGATING, Set.of(SOLUTION_PROPOSED),
                SOLUTION_PROPOSED, Set.of(CUSTOMER_NOTIFIED),
                CUSTOMER_NOTIFIED, Set.of(RESPONSIBILITY_ASSIGNED, INVESTIGATING), // unhappy: another round
                RESPONSIBILITY_ASSIGNED, Set.of(IMPROVEMENT),
                IMPROVEMENT, Set.of(CLOSED))));
        Workflow answer = new Workflow(OPEN, Map.of(OPEN, Set.of(ANSWERED), ANSWERED, Set.of(CLOSED)));
        WORKFLOWS.put(RecordType.CONSULTATION, answer);
        WORKFLOWS.put(RecordType.SUGGESTION, answer);
        WORKFLOWS.put(RecordType.RETURN_EXCHANGE, new Workflow(OPEN, Map.of(
                OPEN, Set.of(APPROVED, REJECTED),
                APPROVED, Set.of(GOODS_RECEIVED),
                GOODS_RECEIVED, Set.of(CLOSED),
                REJECTED, Set.of(CLOSED))));
    }

    /**
     * The record events raised on entering a status, whatever the type, in order. Every
     * milestone of the shipped policies is met by one of them for every type it applies to
     * ({@link #raisableEvents}; the policies are checked against it at start):
     * <ul>
     * <li>a field job: the technician's call (technician_contacted) reaches the customer, replies
     *     to the request and settles the solution; closing after the return visit is the manager's
     *     confirmation of the job;</li>
     * <li>a consultation, suggestion or return answered, approved or rejected: the customer is
     *     reached and the request needs no forwarding any more;</li>
     * <li>a complaint under investigation: its handler has contacted the customer.</li>
     * </ul>
     * Closing or cancelling raises record_closed last: whatever clock still runs ends with it.
     */
    private static final Map<RecordStatus, List<String>> EVENTS = Map.ofEntries(
            Map.entry(AWAITING_FEE_CONSENT, List.of("fee_quoted")),
            Map.entry(FEE_CONSENTED, List.of("fee_consented")),
            Map.entry(DISPATCHED, List.of("dispatched", "request_forwarded")),
            Map.entry(TECHNICIAN_CONTACTED, List.of("customer_notified", "customer_contacted", "customer_replied", "solution_decided")),
            Map.entry(ON_SITE, List.of("technician_on_site")),
            Map.entry(DONE, List.of("repair_done", "job_completed")),
            Map.entry(RETURN_VISIT, List.of("satisfaction_callback_done")),
            Map.entry(ASSIGNED, List.of("request_forwarded")),
            Map.entry(INVESTIGATING, List.of("customer_contacted")),
            Map.entry(SOLUTION_PROPOSED, List.of("solution_decided")),
            Map.entry(CUSTOMER_NOTIFIED, List.of("customer_replied")),
            Map.entry(ANSWERED, List.of("request_forwarded", "customer_contacted", "consultation_answered", "customer_replied")),
            Map.entry(APPROVED, List.of("request_forwarded", "customer_contacted", "customer_replied")),
            Map.entry(REJECTED, List.of("request_forwarded", "customer_contacted", "customer_replied")),
            Map.entry(CLOSED, List.of("manager_confirmed", "record_closed")),
            Map.entry(CANCELLED, List.of("record_closed")));

    /**
     * Events recorded on their own, not by a step: the customer reached (an answered call or
     * callback about the record), a survey answered in the IVR, a periodic follow-up callback answered.
     */
    public static final List<String> RECORDED_EVENTS = List.of("customer_contacted", "survey_done", "follow_up_done");

    private final RecordStatus initial;
    private final Map<RecordStatus, Set<RecordStatus>> next;

    private Workflow(RecordStatus initial, Map<RecordStatus, Set<RecordStatus>> next) {
        this.initial = initial;
        this.next = Map.copyOf(next);
    }

    public static Workflow of(RecordType type) {
        return WORKFLOWS.get(type);
    }

    public RecordStatus initial() {
        return initial;
    }

    /** Whether a record in {@code from} may move to {@code to}. */
    public boolean allows(RecordStatus from, RecordStatus to) {
        if (from.isFinal()) {
            return false;
        }
        return to == CANCELLED || next.getOrDefault(from, Set.of()).contains(to);
    }

    /** Where a record may go from {@code from}. */
    public Set<RecordStatus> nextOf(RecordStatus from) {
        if (from.isFinal()) {
            return Set.of();
        }
        var options = new java.util.TreeSet<>(next.getOrDefault(from, Set.of()));
        options.add(CANCELLED);
        return options;
    }

    public static List<String> eventsOnEntering(RecordStatus status) {
        return EVENTS.getOrDefault(status, List.of());
    }

    /**
     * Every record event a record of {@code type} can raise: at its creation, by the steps its
     * workflow can reach (cancelling included), and on its own ({@link #RECORDED_EVENTS}).
     */
    public static java.util.Set<String> raisableEvents(RecordType type) {
        Workflow workflow = of(type);
        java.util.Set<String> events = new java.util.TreeSet<>(RECORDED_EVENTS);
        events.add("record_created");
        java.util.Deque<RecordStatus> todo = new java.util.ArrayDeque<>(List.of(workflow.initial));
        java.util.Set<RecordStatus> seen = java.util.EnumSet.noneOf(RecordStatus.class);
        while (!todo.isEmpty()) {
            RecordStatus status = todo.pop();
            if (seen.add(status)) {
                events.addAll(eventsOnEntering(status));
                todo.addAll(workflow.nextOf(status));
            }
        }
        return events;
    }
}
