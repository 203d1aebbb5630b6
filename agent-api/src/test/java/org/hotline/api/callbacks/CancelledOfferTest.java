package org.hotline.api.callbacks;

import io.vertx.core.json.JsonObject;
import org.hotline.api.bus.EventBusCodec;
import org.hotline.events.DeskEvent;
import org.hotline.events.DeskEventType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.api.callbacks.DialerFixture.awaitTrue;

/**
 * A callback cancelled while it is offered (its record closed, its customer reached meanwhile)
 * is never dialled: the offer is withdrawn when the cancellation is announced, and taking an offer
 * checks the callback is still to be made (the announcement may come a moment later).
 */
class CancelledOfferTest {

    @Test
    void aCancelledCallbackIsWithdrawnFromTheAgentAndNeverDialled() throws Exception {
        try (DialerFixture fixture = new DialerFixture(Duration.ofMinutes(10))) {
            EventBusCodec.registerOn(fixture.vertx);
            fixture.dialer.listen("desk");
            long first = fixture.offeredCallback(") VALUES ('first_contact', '+8613800138000', now(), 1, 'offered')");
            fixture.dialer.due(due(first));
            awaitTrue(() -> fixture.sent.contains("1 callback_offer " + first));

            fixture.database.dsl().execute("UPDATE callback SET status = 'cancelled' WHERE id = " + first);
            fixture.vertx.eventBus().publish("desk", DeskEvent.of(DeskEventType.CALLBACK_CANCELLED, "callback", first, Instant.now(),
                    Map.of("callbackId", first, "reason", "record closed")));
            awaitTrue(() -> fixture.sent.contains("1 callback_result " + first + " cancelled"));
            assertThat(fixture.dialer.accept(first, 1)).as("nothing left to take").isFalse();

            // cancelled, the announcement not here yet: the agent takes it, and it is not dialled
            long second = fixture.offeredCallback(") VALUES ('first_contact', '+8613800138001', now(), 1, 'offered')");
            fixture.dialer.due(due(second));
            awaitTrue(() -> fixture.sent.contains("1 callback_offer " + second));
            fixture.database.dsl().execute("UPDATE callback SET status = 'cancelled' WHERE id = " + second);
            assertThat(fixture.dialer.accept(second, 1)).isTrue();
            awaitTrue(() -> fixture.sent.contains("1 callback_result " + second + " cancelled"));
            assertThat(fixture.placed).as("no call placed").isEmpty();
        }
    }

    private static JsonObject due(long id) {
        return new JsonObject(Map.of("callbackId", id, "phone", "+8613800138000", "queueId", 1L, "reason", "first_contact"));
    }
}
