package org.hotline.api.callbacks;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.api.callbacks.DialerFixture.awaitTrue;

/**
 * A callback due is looked at again whenever an agent becomes ready; two looks begun at once (two
 * agents ready within a few milliseconds) used to offer it twice, to both agents: the second offer
 * replaced the first, whose agent stayed held for a callback nobody would offer them again.
 */
class OfferedOnceTest {

    @Test
    void twoLooksAtOnceOfferTheCallbackToOneAgent() throws Exception {
        try (DialerFixture fixture = new DialerFixture(Duration.ofMinutes(10))) {
            fixture.ready = Set.of("PJSIP/1001", "PJSIP/1002");
            long id = fixture.offeredCallback(") VALUES ('ivr_request', '+8613800138000', now(), 1, 'offered')");
            JsonObject due = new JsonObject(Map.of("callbackId", id, "phone", "+8613800138000", "queueId", 1L, "reason", "ivr_request"));

            fixture.dialer.due(due);
            fixture.dialer.due(due.copy());
            awaitTrue(() -> !fixture.sent.isEmpty());
            // the second look's answer comes within the same few milliseconds: it must not offer again
            org.awaitility.Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> fixture.sent.size() == 1);

            assertThat(fixture.sent).as("offered once, to one agent").hasSize(1).allMatch(m -> m.endsWith("callback_offer " + id));
        }
    }
}
