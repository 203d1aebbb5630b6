package org.hotline.ivr.services;

import org.hotline.ivr.channel.CallInfo;

import java.time.Instant;
import java.util.Optional;

/**
 * An IVR session as it started: the call, the flow and its version, the caller's number in the
 * archive's form when it is one, and when (to the microsecond, as PostgreSQL keeps it). The
 * Asterisk server, the channel's uniqueid and this instant name the session's row, so that its
 * end can be written even when its start could not be.
 */
public record SessionStart(CallInfo call, String flowName, String flowVersion, Optional<String> phone, Instant at) {
}
