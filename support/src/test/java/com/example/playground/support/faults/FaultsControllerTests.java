package com.example.playground.support.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.playground.support.faults.FaultsController.FaultView;
import com.example.playground.support.faults.FaultsController.FaultsView;
import com.example.playground.support.faults.FaultsController.SwitchView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import com.example.playground.support.web.ProblemException;

/** What {@code /actuator/faults} answers: one list of targets and switches, one way to set and heal both. */
class FaultsControllerTests {

    private final Faults faults = new Faults();
    private final FaultsController endpoint = new FaultsController(faults);

    {
        faults.declare("inbound", "requests to /api");
    }

    @Test
    void listsTargetsSwitchesAndTheKindsOfFaultWithNothingBroken() {
        FaultsView view = endpoint.faults();

        assertThat(view.broken()).isEmpty();
        assertThat(view.targets()).containsOnlyKeys("inbound");
        assertThat(view.targets().get("inbound").fault()).isNull();
        assertThat(view.switches()).containsOnlyKeys("outbox-relay-paused", "publish-without-outbox",
                "consume-without-idempotency");
        assertThat(view.switches().get("consume-without-idempotency").kind()).isEqualTo("anti-pattern");
        assertThat(view.kinds()).containsOnlyKeys("latency", "error-rate", "hang");
        assertThat(view.kinds().get("error-rate").presets()).containsEntry("Errors 100 %", "1");
    }

    @Test
    void breaksATargetFromItsSettingsAndSaysSo() {
        Object answer = endpoint.set("inbound", Map.of("error-rate", 0.5, "latency", "100-300"));

        assertThat(answer).isEqualTo(new FaultView(Map.of("latency", "100-300", "error-rate", "0.5"),
                "fails 50 % of calls, 100-300 ms slower"));
        assertThat(endpoint.faults().broken()).containsExactly(Map.entry("inbound", "fails 50 % of calls, 100-300 ms slower"));
    }

    @Test
    void setsASwitchWithTheSameOperation() {
        Object answer = endpoint.set("outbox-relay-paused", Map.of("on", true));

        assertThat(answer).isEqualTo(new SwitchView("fault", true, Switch.OUTBOX_RELAY_PAUSED.effect()));
        assertThat(faults.isOn(Switch.OUTBOX_RELAY_PAUSED)).isTrue();
        assertThat(endpoint.faults().broken()).containsOnlyKeys("outbox-relay-paused");
    }

    @Test
    void healResetsFaultsAndSwitchesAlike() {
        endpoint.set("inbound", Map.of("hang", true));
        endpoint.set("publish-without-outbox", Map.of("on", "true"));

        FaultsView healed = endpoint.heal();

        assertThat(healed.broken()).isEmpty();
        assertThat(faults.isOn(Switch.PUBLISH_WITHOUT_OUTBOX)).isFalse();
    }

    @Test
    void aSwitchThisServiceDoesNotOfferIsNotListedAndCannotBeSetOrHealed() {
        assertThat(endpoint.faults().switches()).doesNotContainKey("order-history-paused");

        assertThatThrownBy(() -> endpoint.set("order-history-paused", Map.of("on", true)))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.getStatusCode().value()).isEqualTo(400);
                    assertThat(problem.problem().getType()).hasToString("urn:playground:problem:invalid-fault");
                });
        assertThatThrownBy(() -> endpoint.healOne("order-history-paused")).isInstanceOf(ProblemException.class)
                .hasMessageContaining("Nothing is called 'order-history-paused'");

        assertThat(faults.isOn(Switch.ORDER_HISTORY_PAUSED)).isFalse();
        assertThat(endpoint.faults().broken()).isEmpty();
    }

    @Test
    void aSwitchOfferedByPartOfTheServiceIsListedSetAndHealedLikeTheOthers() {
        List<Boolean> told = new ArrayList<>();
        faults.offer(Switch.ORDER_HISTORY_PAUSED, told::add);

        assertThat(endpoint.faults().switches()).containsEntry("order-history-paused",
                new SwitchView("fault", false, Switch.ORDER_HISTORY_PAUSED.effect()));
        assertThat(endpoint.set("order-history-paused", Map.of("on", true)))
                .isEqualTo(new SwitchView("fault", true, Switch.ORDER_HISTORY_PAUSED.effect()));
        assertThat(endpoint.faults().broken()).containsOnlyKeys("order-history-paused");

        assertThat(endpoint.healOne("order-history-paused").broken()).isEmpty();
        assertThat(told).containsExactly(true, false);
    }

    @Test
    void badSettingsAreAClientErrorAndChangeNothing() {
        assertThatThrownBy(() -> endpoint.set("inbound", Map.of("error-rate", "lots")))
                .isInstanceOf(ProblemException.class).hasMessageContaining("error-rate takes");
        assertThatThrownBy(() -> endpoint.set("nowhere", Map.of("hang", true)))
                .isInstanceOf(ProblemException.class).hasMessageContaining("No fault target 'nowhere'");
        assertThatThrownBy(() -> endpoint.set("outbox-relay-paused", Map.of("on", "maybe")))
                .isInstanceOf(ProblemException.class).hasMessageContaining("takes {\"on\": true} or {\"on\": false}");
        assertThatThrownBy(() -> endpoint.set("outbox-relay-paused", null))
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> endpoint.healOne("nowhere")).isInstanceOf(ProblemException.class);

        assertThat(endpoint.faults().broken()).isEmpty();
    }
}
