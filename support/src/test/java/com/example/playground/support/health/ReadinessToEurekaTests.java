package com.example.playground.support.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class ReadinessToEurekaTests {

    @Test
    void onlyAReadyInstanceIsUpAndANotYetReadyOneIsDownNotOutOfService() {
        assertThat(ReadinessToEureka.statusFor(Status.UP)).isEqualTo(InstanceStatus.UP);
        assertThat(ReadinessToEureka.statusFor(Status.DOWN)).isEqualTo(InstanceStatus.DOWN);
        // Eureka would keep OUT_OF_SERVICE even after the instance reports UP.
        assertThat(ReadinessToEureka.statusFor(Status.OUT_OF_SERVICE)).isEqualTo(InstanceStatus.DOWN);
        assertThat(ReadinessToEureka.statusFor(Status.UNKNOWN)).isEqualTo(InstanceStatus.DOWN);
    }
}
