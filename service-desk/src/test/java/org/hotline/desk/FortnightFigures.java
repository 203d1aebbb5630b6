package org.hotline.desk;

import org.hotline.desk.records.RecordStatus;
import org.hotline.desk.records.RecordType;
import org.hotline.desk.reports.KpiPeriod;
import org.hotline.desk.reports.KpiReport.CallbackFigures;
import org.hotline.desk.reports.KpiReport.ComplaintOutcomes;
import org.hotline.desk.reports.KpiReport.ComplaintsOfType;
import org.hotline.desk.reports.KpiReport.MilestoneFigures;
import org.hotline.desk.reports.KpiReport.RecordsOfType;
import org.hotline.desk.settings.DeskSettings;
import org.jooq.DSLContext;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.hotline.schema.jooq.Tables.CALLBACK;
import static org.hotline.schema.jooq.Tables.SLA_CLOCK;

/**
 * The KPI figures of a period counted another way than the report counts them: records and
 * complaints from what the simulated fortnight did (its walks), milestones and callbacks row by
 * row in Java from a plain read of every clock and callback.
 */
record FortnightFigures(List<RecordsOfType> recordsByType, List<MilestoneFigures> milestones, CallbackFigures callbacks,
                        List<ComplaintsOfType> complaintsByType, List<ComplaintOutcomes> complaintsByOutcome) {

    private static final DeskSettings SETTINGS = ShippedRules.deskSettings(Optional.empty());

    static FortnightFigures of(DSLContext db, List<FortnightTest.Walk> walks, KpiPeriod period, Duration callbackOnTime) {
        Predicate<Instant> in = at -> at != null && !at.isBefore(period.from()) && at.isBefore(period.to());
        List<FortnightTest.Walk> made = walks.stream().filter(w -> w.id != 0 && in.test(w.created)).toList();

        List<RecordsOfType> records = grouped(made, w -> w.type.dbName()).entrySet().stream()
                .map(e -> new RecordsOfType(e.getKey(), e.getValue().size())).toList();

        List<MilestoneFigures> milestones = grouped(db.selectFrom(SLA_CLOCK).fetch().stream()
                .filter(c -> in.test(instant(c.getDeadlineAt()))).toList(), c -> c.getMilestoneCode()).entrySet().stream()
                .map(e -> new MilestoneFigures(e.getKey(),
                        count(e.getValue(), c -> c.getState().equals("met")),
                        count(e.getValue(), c -> c.getState().equals("missed") || c.getBreachedAt() != null),
                        count(e.getValue(), c -> c.getState().equals("cancelled") && c.getBreachedAt() == null))).toList();

        var completed = db.selectFrom(CALLBACK).fetch().stream().filter(c -> in.test(instant(c.getCompletedAt()))).toList();
        CallbackFigures callbacks = new CallbackFigures(count(completed, c -> c.getStatus().equals("done")),
                count(completed, c -> c.getStatus().equals("done")
                        && !c.getCompletedAt().toInstant().isAfter(c.getDueAt().toInstant().plus(callbackOnTime))),
                count(completed, c -> c.getStatus().equals("failed") || c.getStatus().equals("expired")));

        List<FortnightTest.Walk> complaints = made.stream().filter(w -> w.type == RecordType.COMPLAINT).toList();
        List<ComplaintsOfType> byType = grouped(complaints, w -> w.complaintType + "\t" + SETTINGS.handlerFor(w.complaintType))
                .entrySet().stream().map(e -> {
                    String[] key = e.getKey().split("\t");
                    List<FortnightTest.Walk> of = e.getValue();
                    return new ComplaintsOfType(key[0], key[1], of.size(), count(of, w -> w.validity.equals("upheld")),
                            count(of, w -> w.validity.equals("not_upheld")), count(of, w -> w.validity.equals("pending")),
                            count(of, w -> w.severity.equals("serious")), count(of, w -> w.status == RecordStatus.CLOSED));
                }).toList();
        List<ComplaintOutcomes> byOutcome = grouped(complaints, w -> w.validity).entrySet().stream().map(e -> {
            List<FortnightTest.Walk> of = e.getValue();
            return new ComplaintOutcomes(e.getKey(), of.size(), count(of, w -> w.status == RecordStatus.CLOSED),
                    count(of, w -> w.reactions.isEmpty()),
                    count(of, w -> w.reactions.size() == 1 && w.reactions.getLast()),
                    count(of, w -> w.reactions.size() > 1 && w.reactions.getLast()),
                    count(of, w -> !w.reactions.isEmpty() && !w.reactions.getLast()),
                    of.stream().mapToLong(w -> w.reactions.size()).sum());
        }).toList();
        return new FortnightFigures(records, milestones, callbacks, byType, byOutcome);
    }

    private static <T> Map<String, List<T>> grouped(Collection<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
    }

    private static <T> long count(Collection<T> items, Predicate<T> which) {
        return items.stream().filter(which).count();
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
