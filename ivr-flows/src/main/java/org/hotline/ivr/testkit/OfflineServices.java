package org.hotline.ivr.testkit;

import org.hotline.ivr.engine.SessionResult;
import org.hotline.ivr.services.CallbackRequest;
import org.hotline.ivr.services.CallerProfile;
import org.hotline.ivr.services.CreatedRecord;
import org.hotline.ivr.services.FlowServices;
import org.hotline.ivr.services.Product;
import org.hotline.ivr.services.RecordRequest;
import org.hotline.ivr.services.SessionStart;
import org.hotline.ivr.services.SurveyAnswer;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Services for flows that ask nothing of the service desk (no caller lookup result, no records,
 * callbacks or surveys; always open; no wait): for tests and benchmarks of the engine and the
 * FastAGI side without a database. Numbers are taken as Chinese national numbers.
 */
public final class OfflineServices implements FlowServices {

    public Optional<String> normalizePhone(String raw) {
        return Optional.of("+86" + raw);
    }

    public CompletionStage<CallerProfile> lookupCaller(String phone) {
        return CompletableFuture.completedFuture(CallerProfile.unknown());
    }

    public CompletionStage<List<Product>> products(long customerId) {
        return CompletableFuture.completedFuture(List.of());
    }

    public CompletionStage<Optional<Product>> productBySerial(String serial) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    public CompletionStage<CreatedRecord> createRecord(RecordRequest request) {
        throw new UnsupportedOperationException("no service desk here: no records");
    }

    public CompletionStage<Long> scheduleCallback(CallbackRequest request) {
        throw new UnsupportedOperationException("no service desk here: no callbacks");
    }

    public CompletionStage<Long> saveSurveyAnswer(SurveyAnswer answer) {
        throw new UnsupportedOperationException("no service desk here: no surveys");
    }

    public boolean isOpen(String calendar, Instant at) {
        return true;
    }

    public Instant nextOpening(String calendar, Instant at) {
        return at;
    }

    public ZoneId zone() {
        return ZoneId.of("Asia/Shanghai");
    }

    public CompletionStage<Duration> expectedWait(String queue) {
        return CompletableFuture.completedFuture(Duration.ZERO);
    }

    public CompletionStage<Long> sessionStarted(SessionStart start) {
        return CompletableFuture.completedFuture(0L);
    }

    public CompletionStage<Void> sessionEnded(SessionStart start, SessionResult result) {
        return CompletableFuture.completedFuture(null);
    }
}
