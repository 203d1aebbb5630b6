package org.hotline.bridge.ami.client;

import java.time.Duration;

/**
 * How to reach and keep one Asterisk's AMI: where, as whom (the secret is never logged), which
 * event classes to receive (read at login: {@code call,agent,...}; VarSet and Newexten floods
 * stay out unless asked for), and the timings of actions, keepalive and reconnection.
 */
public record AmiSettings(String name, String host, int port, String user, String secret, String eventMask,
                          Duration actionTimeout, Duration pingInterval, Duration reconnectMin, Duration reconnectMax,
                          Duration maxEventLag) {

    public AmiSettings(String name, String host, int port, String user, String secret, String eventMask,
                       Duration actionTimeout, Duration pingInterval, Duration reconnectMin, Duration reconnectMax) {
        this(name, host, port, user, secret, eventMask, actionTimeout, pingInterval, reconnectMin, reconnectMax, Duration.ofSeconds(10));
    }

    /** Event classes a contact center needs: calls, queues and agents, system (FullyBooted, Reload). */
    public static final String CONTACT_CENTER_EVENTS = "system,call,agent,user,dtmf,agi";

    public static AmiSettings of(String name, String host, int port, String user, String secret) {
        return new AmiSettings(name, host, port, user, secret, CONTACT_CENTER_EVENTS, Duration.ofSeconds(10),
                Duration.ofSeconds(15), Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    public AmiSettings withTimings(Duration actionTimeout, Duration pingInterval, Duration reconnectMin, Duration reconnectMax) {
        return new AmiSettings(name, host, port, user, secret, eventMask, actionTimeout, pingInterval, reconnectMin, reconnectMax,
                maxEventLag);
    }

    /**
     * With {@code timestampevents = yes} in manager.conf, events carry Asterisk's clock: events
     * arriving later than this behind it mean a stalled link (or a host whose clock is wrong).
     */
    public AmiSettings withMaxEventLag(Duration lag) {
        return new AmiSettings(name, host, port, user, secret, eventMask, actionTimeout, pingInterval, reconnectMin, reconnectMax, lag);
    }

    @Override
    public String toString() {
        return "AmiSettings[" + name + " " + user + "@" + host + ":" + port + ", events " + eventMask + "]";
    }
}
