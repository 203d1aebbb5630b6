package org.hotline.pbxsim.agi;

/**
 * How a simulated caller behaves in a FastAGI session: which script the dialplan asks for, who
 * calls, the keys they press (one per GET DATA / WAIT FOR DIGIT), and after how many commands
 * they hang up (-1: never; they hang up during that command, as in transcript agi-02).
 */
public record AgiCallScript(String script, String channel, String uniqueid, String callerId, String callerName, String keys,
                            int hangUpDuringCommand) {
}
