package org.hotline.ivr.services;

import org.hotline.desk.ServiceDesk;
import org.hotline.desk.callbacks.CallbackReason;
import org.hotline.desk.callbacks.NewCallback;
import org.hotline.desk.records.ContactRecord;
import org.hotline.desk.records.NewRecord;
import org.hotline.desk.records.RecordType;
import org.hotline.desk.settings.DeskSettings;
import org.hotline.desk.sla.SlaPolicies;
import org.hotline.desk.writes.TransientFailure;
import org.hotline.desk.writes.WriteQueue;
import org.hotline.ivr.engine.SessionResult;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The flows' services on the real service desk and its PostgreSQL. Database work runs on
 * {@code executor} (in the server, as many threads as the pool has connections), so the FastAGI
 * event loops never wait for it. A write that finds no connection (a
 * starved pool, a database away) waits in the IVR's {@link WriteQueue}: nothing the caller did is
 * lost, and the flow, which waits only so long for the desk, goes on meanwhile.
 */
public final class DeskFlowServices implements FlowServices {

    private final ServiceDesk desk;
    private final DataSource dataSource;
    private final DSLContext transactions;
    private final SlaPolicies policies;
    private final DeskSettings settings;
    private final QueueWaits waits;
    private final Executor executor;
    private final WriteQueue writes;
    private final Clock clock;
    private final CallerDirectory callers = new CallerDirectory();
    private final SurveyAnswers surveys = new SurveyAnswers();
    private final IvrSessionLog sessions = new IvrSessionLog();

    /**
     * @param writes where a write that found no connection waits for one, in order with the
     *               other IVR writes (so a session's end follows its record)
     */
    public DeskFlowServices(ServiceDesk desk, DataSource dataSource, SlaPolicies policies, DeskSettings settings, QueueWaits waits,
                            Executor executor, WriteQueue writes, Clock clock) {
        this.desk = desk;
        this.writes = writes;
        this.dataSource = dataSource;
        this.transactions = org.hotline.desk.writes.Transactions.on(dataSource);
        this.policies = policies;
        this.settings = settings;
        this.waits = waits;
        this.executor = executor;
        this.clock = clock;
    }

    @Override
    public Optional<String> normalizePhone(String raw) {
        return settings.phoneNumbers().normalize(raw);
    }

    @Override
    public boolean mayDial(String e164) {
        return settings.dialling().allows(e164);
    }

    @Override
    public CompletionStage<CallerProfile> lookupCaller(String phone) {
        return inDatabase(db -> callers.profile(db, phone));
    }

    @Override
    public CompletionStage<List<Product>> products(long customerId) {
        return inDatabase(db -> callers.products(db, customerId, clock.instant().atZone(settings.timeZone()).toLocalDate()));
    }

    @Override
    public CompletionStage<Optional<Product>> productBySerial(String serial) {
        return inDatabase(db -> callers.productBySerial(db, serial, clock.instant().atZone(settings.timeZone()).toLocalDate()));
    }

    @Override
    public CompletionStage<CreatedRecord> createRecord(RecordRequest request) {
        // the idempotency key makes a record tried again after a lost connection the same record
        return write("the IVR's record " + request.idempotencyKey(), () -> {
            NewRecord base = NewRecord.of(RecordType.fromDb(request.type()));
            NewRecord record = new NewRecord(base.type(), "ivr", request.priority(), base.urgency(), request.customerId(),
                    request.assetId(), Optional.of(request.phone()), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), request.summary(), Optional.empty(), false, Optional.empty(),
                    Optional.of(request.idempotencyKey()), Optional.empty());
            ContactRecord created = desk.createRecord(record, org.hotline.desk.records.Actor.ivr());
            return new CreatedRecord(created.id(), created.number(), created.type().dbName(), created.status().dbName());
        });
    }

    @Override
    public CompletionStage<Long> scheduleCallback(CallbackRequest request) {
        return write("a callback asked for in the IVR", () -> {
            Optional<Long> queueId = callers.queueId(db(), request.queue());
            NewCallback callback = new NewCallback(CallbackReason.fromDb(request.reason()), request.phone(), request.customerId(),
                    request.recordId(), Optional.empty(), queueId, Optional.empty(), Optional.empty(), Optional.empty(),
                    request.notAfter(), request.dueAt(), request.priority(), Optional.of("asked for in the IVR"));
            return desk.scheduleCallback(callback, Optional.empty()).callbackId();
        });
    }

    @Override
    public CompletionStage<Long> saveSurveyAnswer(SurveyAnswer answer) {
        return write("a survey answer", () -> {
                    SurveyAnswers.Question question = surveys.question(db(), answer);
                    return transactions.transactionResult(c -> surveys.save(c.dsl(), question, answer, clock.instant()));
                })
                .thenApply(saved -> {
                    if (saved.newResponse() && answer.recordId().isPresent()) {
                        write("the survey's event on record " + answer.recordId().get(), () -> {
                            desk.recordEvent(answer.recordId().get(), "survey_done", org.hotline.desk.records.Actor.ivr(),
                                    "survey " + answer.survey() + " answered in the IVR");
                            return null;
                        });
                    }
                    return saved.responseId();
                });
    }

    @Override
    public boolean isOpen(String calendar, Instant at) {
        return policies.calendar(calendar).isOpen(at);
    }

    @Override
    public Instant nextOpening(String calendar, Instant at) {
        return policies.calendar(calendar).nextOpening(at);
    }

    @Override
    public ZoneId zone() {
        return settings.timeZone();
    }

    @Override
    public CompletionStage<Duration> expectedWait(String queue) {
        return waits.expectedWait(queue);
    }

    @Override
    public CompletionStage<Long> sessionStarted(SessionStart start) {
        return write("the start of the IVR session on " + start.call().uniqueid(), () -> sessions.started(db(), start));
    }

    @Override
    public CompletionStage<Void> sessionEnded(SessionStart start, SessionResult result) {
        return write("the IVR session on " + start.call().uniqueid(), () -> {
            // no transaction around it: each of its statements stands alone, and the whole, tried again, leaves the same rows
            sessions.ended(db(), start, result, clock.instant());
            return null;
        });
    }

    private DSLContext db() {
        return DSL.using(dataSource, SQLDialect.POSTGRES);
    }

    private <T> CompletionStage<T> inDatabase(java.util.function.Function<DSLContext, T> work) {
        return async(() -> work.apply(db()));
    }

    private <T> CompletionStage<T> async(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, executor);
    }

    /**
     * A write done at once if a connection can be had; else handed to the write queue, which
     * does it when one can: the stage completes when it is written, however long that takes.
     */
    private <T> CompletionStage<T> write(String what, Supplier<T> work) {
        CompletableFuture<T> written = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                written.complete(work.get());
            } catch (RuntimeException e) {
                if (TransientFailure.is(e)) {
                    writes.submit(what, work).whenComplete((value, failure) -> {
                        if (failure != null) {
                            written.completeExceptionally(failure);
                        } else {
                            written.complete(value);
                        }
                    });
                } else {
                    written.completeExceptionally(e);
                }
            }
        });
        return written;
    }
}
