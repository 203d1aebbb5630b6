package org.hotline.pbxsim.scenario;

import java.time.Duration;

/** How one agent behaves when rung: whether and after how long they answer, and how long they talk. */
public record AgentScript(String agentInterface, String memberName, boolean answers, Duration answerAfter, Duration talkFor) {

    public static AgentScript answering(String agentInterface, String memberName, Duration answerAfter, Duration talkFor) {
        return new AgentScript(agentInterface, memberName, true, answerAfter, talkFor);
    }

    public static AgentScript notAnswering(String agentInterface, String memberName) {
        return new AgentScript(agentInterface, memberName, false, Duration.ZERO, Duration.ZERO);
    }
}
