package com.example.playground.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The parts of the charged-twice and poison-and-parked labs that need no running stack. */
class MessagingLabsTests {

    @Test
    void anAmountIsReadForgivinglyAndComparedAsANumber() {
        assertThat(ChargedTwiceLab.amountIn("2.40")).contains(new BigDecimal("2.40"));
        assertThat(ChargedTwiceLab.amountIn("2,4 EUR")).hasValueSatisfying(a -> assertThat(a).isEqualByComparingTo("2.40"));
        assertThat(ChargedTwiceLab.amountIn("it took 3")).hasValueSatisfying(a -> assertThat(a).isEqualByComparingTo("3"));
        assertThat(ChargedTwiceLab.amountIn("twice")).isEmpty();
    }

    @Test
    void aPoisonMessageIsOneWhosePayloadIsNotJson() {
        assertThat(parked("{not json", null).poison()).isTrue();
        assertThat(parked(null, null).poison()).isTrue();
        assertThat(parked("{\"orderId\":\"o-1\"}", null).poison()).isFalse();
    }

    @Test
    void theReasonLeavesOutTheListenersSignature() {
        assertThat(parked("{not json", "Listener method 'void a.B.on(X)' threw exception; ReserveStockCommand payload does"
                + " not parse: Unexpected character").reason())
                .isEqualTo("ReserveStockCommand payload does not parse: Unexpected character");
        assertThat(parked("{}", "Fault injected at payment.commands").reason()).isEqualTo("Fault injected at payment.commands");
    }

    private static PoisonAndParkedLab.Parked parked(String payload, String error) {
        return new PoisonAndParkedLab.Parked(null, "ReserveStockCommand", "poison-1", error, payload, Instant.now());
    }
}
