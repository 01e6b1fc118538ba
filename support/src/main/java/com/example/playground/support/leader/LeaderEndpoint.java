package com.example.playground.support.leader;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/leader} on the management port: {@code GET} says whether this instance is its
 * service's leader, since when, and how often it gained and lost the lead; {@code POST} makes a
 * leader step down (it gives the lock up, and another instance, or this one again, takes it).
 */
@Endpoint(id = "leader")
class LeaderEndpoint {

    private final Leadership leadership;

    LeaderEndpoint(Leadership leadership) {
        this.leadership = leadership;
    }

    @ReadOperation
    Map<String, Object> leader() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("role", leadership.getRole());
        answer.put("instance", leadership.instance());
        answer.put("candidate", leadership.getId());
        answer.put("leader", leadership.isLeader());
        answer.put("since", leadership.since() == null ? null : leadership.since().toString());
        answer.put("grants", leadership.grants());
        answer.put("revocations", leadership.revocations());
        return answer;
    }

    @WriteOperation
    Map<String, Object> stepDown() {
        boolean steppedDown = leadership.stepDown();
        Map<String, Object> answer = new LinkedHashMap<>(leader());
        answer.put("steppedDown", steppedDown);
        return answer;
    }
}
