package org.hotline.bench.agi;

import org.hotline.ivr.channel.CallInfo;
import org.hotline.ivr.engine.SessionResult;
import org.hotline.ivr.flow.Flow;
import org.hotline.ivr.services.CallbackRequest;
import org.hotline.ivr.services.CallerProfile;
import org.hotline.ivr.services.CreatedRecord;
import org.hotline.ivr.services.FlowServices;
import org.hotline.ivr.services.Product;
import org.hotline.ivr.services.RecordRequest;
import org.hotline.ivr.services.SurveyAnswer;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The bench flow asks nothing of the service desk: the benchmark measures the FastAGI side alone, as asterisk-java's does. */
final class NoDeskServices implements FlowServices {

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
        throw new UnsupportedOperationException("the bench flow makes no record");
    }

    public CompletionStage<Long> scheduleCallback(CallbackRequest request) {
        throw new UnsupportedOperationException("the bench flow makes no callback");
    }

    public CompletionStage<Long> saveSurveyAnswer(SurveyAnswer answer) {
        throw new UnsupportedOperationException("the bench flow asks no survey");
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

    public CompletionStage<Long> sessionStarted(CallInfo call, Flow flow, Optional<String> phone) {
        return CompletableFuture.completedFuture(0L);
    }

    public CompletionStage<Void> sessionEnded(long sessionId, SessionResult result) {
        return CompletableFuture.completedFuture(null);
    }
}
