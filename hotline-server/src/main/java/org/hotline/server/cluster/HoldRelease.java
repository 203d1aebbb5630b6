package org.hotline.server.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.hotline.api.desk.QueueMembers;
import org.hotline.api.sockets.AgentMessages;
import org.hotline.desk.ServiceDesk;
import org.hotline.events.AgentState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * What becomes of a callback's hold whose node is gone ({@link SharedCallbackHolds}): the agent
 * back to the queue while still paused for it, an offer not yet dialled offered again at once,
 * and the agent's screen told ({@code callback_result}: cancelled, or unknown when its call was
 * being placed).
 */
public final class HoldRelease implements Consumer<SharedCallbackHolds.Hold> {

    private static final Logger log = LoggerFactory.getLogger(HoldRelease.class);
    /** A fifth of the takeover time between tries, for five takeover times. */
    private static final int TRIES = 25;

    private final Vertx vertx;
    private final AgentStandings standings;
    private final QueueMembers members;
    private final ServiceDesk desk;
    private final AgentMessages messages;
    private final Duration takeover;

    public HoldRelease(Vertx vertx, AgentStandings standings, QueueMembers members, ServiceDesk desk, AgentMessages messages,
                       Duration takeover) {
        this.vertx = vertx;
        this.standings = standings;
        this.members = members;
        this.desk = desk;
        this.messages = messages;
        this.takeover = takeover;
    }

    @Override
    public void accept(SharedCallbackHolds.Hold hold) {
        ready(hold, 0);
        boolean offeredAgain = !hold.dialling() && desk.endOffer(hold.callbackId(), hold.leaseOwner());
        messages.deliver(hold.agentId(), "callback_result", new JsonObject().put("callbackId", hold.callbackId())
                .put("outcome", hold.dialling() ? "unknown" : "cancelled")
                .put("why", "the node that offered it stopped" + (offeredAgain ? "; it is offered again" : "")));
    }

    /**
     * Readies the agent while they are still paused for the callback; tried again while it fails
     * (the gone node may have followed their Asterisk too: until another node takes it over, nobody can).
     */
    private void ready(SharedCallbackHolds.Hold hold, int tries) {
        boolean heldStill = standings.of(hold.device()).map(s -> s.state() == AgentState.PAUSED
                && s.reason().equals(QueueMembers.CALLBACK_REASON)).orElse(false);
        if (!heldStill) {
            return;
        }
        members.ready(hold.device()).whenComplete((x, e) -> {
            if (e == null) {
                return;
            }
            if (tries < TRIES) {
                vertx.setTimer(Math.max(100, takeover.toMillis() / 5), t -> ready(hold, tries + 1));
            } else {
                log.warn("callback {}: agent {} could not be readied: {}", hold.callbackId(), hold.agentId(), e.getMessage());
            }
        });
    }
}
