package com.example.playground.support.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import brave.Tracing;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.cloud.context.refresh.ContextRefresher;

/**
 * The sampling probability as a service meets it: written to a settings overlay file, taken by a
 * refresh (what {@code ./playground config set} does), and followed by the next new trace, in the
 * same running context. Through Boot's own Brave auto-configuration, so it also shows that Brave's
 * tracer decides with this sampler and not the one Boot would build at start.
 */
// Command-line arguments, as the supervisor passes them: a refresh re-reads the configuration with
// the command line but without test properties, which would be lost at the first refresh.
@SpringBootTest(classes = RefreshableSamplerTests.App.class, webEnvironment = WebEnvironment.NONE, args = {
        "--spring.config.import=optional:file:target/sampling-test/overlay.properties",
        "--spring.kafka.bootstrap-servers=127.0.0.1:9",
        "--spring.kafka.admin.auto-create=false",
        "--spring.flyway.locations=classpath:db/support",
        "--eureka.client.enabled=false"})
class RefreshableSamplerTests {

    static final Path OVERLAY = Path.of("target/sampling-test/overlay.properties");
    static final int ROOTS = 1000;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    /** The services' packaged value (support's playground-service.yml), before the context starts. */
    @BeforeAll
    static void everyTraceSampledAtStart() throws IOException {
        overlay("1.0");
    }

    @Autowired Tracer tracer;
    @Autowired Tracing tracing;
    @Autowired RefreshableSampler sampler;
    @Autowired Propagator propagator;
    @Autowired ContextRefresher refresher;

    @AfterEach
    void everyTraceSampledAgain() throws IOException {
        overlay("1.0");
        refresher.refresh();
    }

    @Test
    void braveDecidesWithThisSamplerNotOneBuiltAtStart() {
        assertThat(tracing.sampler()).isSameAs(sampler);
    }

    @Test
    void aNewTraceFollowsTheProbabilityAfterARefreshWithoutARestart() throws IOException {
        assertThat(sampledOf(ROOTS)).isEqualTo(ROOTS);

        overlay("0.0");
        assertThat(refresher.refresh()).contains(RefreshableSampler.PROBABILITY);
        assertThat(sampledOf(ROOTS)).isZero();

        // Brave's counting sampler: exactly that share of every hundred new traces.
        overlay("0.25");
        refresher.refresh();
        assertThat(sampler.probability()).isEqualTo(0.25f);
        assertThat(sampledOf(ROOTS)).isEqualTo(250);

        overlay("1");
        refresher.refresh();
        assertThat(sampledOf(ROOTS)).isEqualTo(ROOTS);
    }

    @Test
    void atZeroWhatArrivesSampledStaysSampledAndAChildFollowsItsParent() throws IOException {
        overlay("0");
        refresher.refresh();

        Span fromTraceparent = propagator.extract(
                Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"), Map::get).start();
        Span fromB3Flag = propagator.extract(Map.of("b3", "1"), Map::get).start();
        Span notSampled = propagator.extract(
                Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319d-b7ad6b7169203331-00"), Map::get).start();

        assertThat(fromTraceparent.context().sampled()).isTrue();
        assertThat(fromTraceparent.context().traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(fromB3Flag.context().sampled()).isTrue();
        assertThat(tracer.nextSpan(fromB3Flag).context().sampled()).isTrue();
        assertThat(notSampled.context().sampled()).isFalse();
        assertThat(tracer.nextSpan().context().sampled()).isFalse();
        fromTraceparent.end();
        fromB3Flag.end();
        notSampled.end();
    }

    @Test
    void aProbabilityBraveCannotUseFailsTheRefreshAndTheOneInForceStays() throws IOException {
        overlay("0.0");
        refresher.refresh();

        for (String bad : new String[] {"1.5", "0.005", "-1", "NaN"}) {
            overlay(bad);
            assertThatThrownBy(refresher::refresh).hasMessageContaining(RefreshableSampler.PROBABILITY)
                    .hasMessageContaining("was ");
            assertThat(sampler.probability()).isZero();
            assertThat(sampledOf(100)).isZero();
        }
    }

    /** How many of so many new traces (roots: no span is current here) are sampled. */
    private int sampledOf(int roots) {
        int sampled = 0;
        for (int i = 0; i < roots; i++) {
            Span root = tracer.nextSpan();
            root.end();
            sampled += Boolean.TRUE.equals(root.context().sampled()) ? 1 : 0;
        }
        return sampled;
    }

    private static void overlay(String probability) throws IOException {
        Files.createDirectories(OVERLAY.getParent());
        Files.writeString(OVERLAY, RefreshableSampler.PROBABILITY + "=" + probability + "\n");
    }
}
