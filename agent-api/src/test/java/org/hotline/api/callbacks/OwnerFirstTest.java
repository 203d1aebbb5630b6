package org.hotline.api.callbacks;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.api.callbacks.DialerFixture.awaitTrue;

/**
 * Owner first, then anyone (issue 13): a callback an agent owns (they promised the customer) is
 * offered to that agent alone until {@code owned_until}, even while another agent of its queue is
 * ready; after it, to any ready agent of the queue.
 */
class OwnerFirstTest {

    @Test
    void theOwnerAloneUntilOwnedUntilThenAnyReadyAgentOfTheQueue() throws Exception {
        try (DialerFixture fixture = new DialerFixture(Duration.ofMinutes(10))) {
            // Li Lei (1) is ready; Han Meimei (2), who owns the callback, is not
            long owned = fixture.offeredCallback(", owner_agent_id, owned_until) VALUES ('agent_scheduled', '+8613800138000', now(), 1, "
                    + "'offered', 2, now() + interval '1 hour')");

            fixture.dialer.due(due(owned, Instant.now().plus(Duration.ofHours(1))));
            awaitTrue(() -> fixture.dialer.waitsForAnAgent(owned));
            assertThat(fixture.sent).as("Li Lei is ready, but the callback is Han Meimei's for another hour").isEmpty();

            fixture.database.dsl().execute("UPDATE callback SET owned_until = now() - interval '1 minute' WHERE id = " + owned);
            fixture.dialer.due(due(owned, Instant.now().minus(Duration.ofMinutes(1))));
            awaitTrue(() -> !fixture.sent.isEmpty());
            assertThat(fixture.sent).as("her hour is up: any ready agent of the queue").containsExactly("1 callback_offer " + owned);
        }
    }

    private static JsonObject due(long id, Instant ownedUntil) {
        return new JsonObject(Map.of("callbackId", id, "phone", "+8613800138000", "queueId", 1L, "ownerAgentId", 2L,
                "ownedUntil", ownedUntil.toString(), "reason", "agent_scheduled"));
    }
}
