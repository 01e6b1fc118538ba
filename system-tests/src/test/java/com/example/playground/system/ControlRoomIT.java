package com.example.playground.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The control room in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}):
 * every service shows up, a fault switched on from the page opens a breaker on the page, a switch
 * flipped on the page is on in its service until "Heal all", an order placed from the page shows
 * its saga and its trace. Screenshots land in target/.
 *
 * <p>Without Chromium the test is skipped and says so (see {@link HeadlessChromium}).
 */
class ControlRoomIT {

    static RunningStack stack;
    static ChromeDriver browser;

    @BeforeAll
    static void openTheControlRoom() {
        browser = HeadlessChromium.start("the control room");
        stack = RunningStack.get();
        browser.get("http://127.0.0.1:" + stack.supervisor.stack().controlRoomPort() + "/");
    }

    @AfterEach
    void healAndStopTraffic() {
        if (browser != null) {
            post("/api/traffic/off");
            stack.supervisor.runningServices().forEach(stack.supervisor.management()::heal);
        }
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void showsEveryServiceUpAndAFaultSwitchedOnFromThePageOpensABreaker() {
        List<String> names = stack.supervisor.stack().names();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(text("#live")).isEqualTo("LIVE");
            for (String name : names) {
                assertThat(text("#svc-" + name + " .state")).as(name).isEqualTo("UP");
            }
        });
        assertThat(text("#svc-payment-service")).contains("Eureka: UP");

        browser.findElement(By.id("traffic")).click();
        // Whatever ran before (a half-open breaker waits for trial calls), the breaker under test is
        // closed once traffic flows, so OPEN below is this fault's doing.
        await().atMost(Duration.ofSeconds(20)).until(() -> "CLOSED".equals(text("#breaker-order-service-payment-service .state")));
        browser.findElement(By.xpath("//select[@id='fault-service']/option[text()='payment-service']")).click();
        browser.findElement(By.xpath("//select[@id='fault-target']/option[@value='inbound']")).click();
        browser.findElement(By.xpath("//div[@id='controls']//button[text()='Errors 100 %']")).click();

        // order-service's breaker in front of payment-service (the order details call) opens.
        await().atMost(Duration.ofSeconds(5)).until(() -> text("#active-faults").contains("payment-service inbound: fails 100 %"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "OPEN".equals(text("#breaker-order-service-payment-service .state")));
        screenshot("control-room-breaker-open.png");
        // The charts: the traffic's routes over the last minutes, and the fault as a mark at its moment.
        await().atMost(Duration.ofSeconds(15)).until(() -> Boolean.TRUE.equals(script("return [...document.querySelectorAll("
                + "'#charts .marker title')].some(t => t.textContent.includes('payment-service: inbound is broken'))")));
        assertThat(text("#chart-requests")).contains("orders", "payments");
        script("document.getElementById('charts').scrollIntoView()");
        screenshot("control-room-charts.png");

        browser.findElement(By.id("heal-all")).click();
        // Open for 5 s, then half-open: the traffic's trial calls succeed and it closes again.
        await().atMost(Duration.ofSeconds(5)).until(() -> text("#active-faults").contains("Nothing is broken."));
        await().atMost(Duration.ofSeconds(30)).until(() -> "CLOSED".equals(text("#breaker-order-service-payment-service .state")));
    }

    @Test
    void aSwitchFlippedOnThePageIsOnInItsServiceUntilHealAll() {
        await().atMost(Duration.ofSeconds(15)).until(() -> selectService("order-service"));
        String row = "#switch-order-service-outbox-relay-paused";
        await().atMost(Duration.ofSeconds(10)).until(() -> text(row).contains("off"));

        await().atMost(Duration.ofSeconds(5)).until(() -> clicked(By.cssSelector(row + " button")));

        await().atMost(Duration.ofSeconds(5)).until(() ->
                stack.supervisor.management().broken("order-service").containsKey("outbox-relay-paused"));
        await().atMost(Duration.ofSeconds(5)).until(() -> text(row).contains("ON")
                && text("#active-faults").contains("order-service outbox-relay-paused: on"));

        browser.findElement(By.id("heal-all")).click();

        await().atMost(Duration.ofSeconds(5)).until(() -> stack.supervisor.management().broken("order-service").isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> text(row).contains("off")
                && text("#active-faults").contains("Nothing is broken."));
    }

    /**
     * Clicks an element that the page draws again with every snapshot (the switch rows): found and
     * clicked at once, or false if the page replaced it in between (as a user's click would land on
     * the new one, the caller tries again).
     */
    private static boolean clicked(By element) {
        try {
            browser.findElement(element).click();
            return true;
        } catch (StaleElementReferenceException e) {
            return false;
        }
    }

    /** Chooses a service in the fault drop-down, once the page lists it; true when chosen. */
    private static boolean selectService(String service) {
        var options = browser.findElements(By.xpath("//select[@id='fault-service']/option[text()='" + service + "']"));
        if (options.isEmpty()) {
            return false;
        }
        options.get(0).click();
        return true;
    }

    @Test
    void anOrderPlacedFromThePageShowsItsSagaTimelineAndItsTrace() {
        browser.findElement(By.xpath("//button[text()='alice buys 2 books']")).click();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String first = text("#orders .order");
            assertThat(first).contains("APPROVED", "alice · 25.00", "orchestration saga: COMPLETED",
                    "reserve stock: SUCCEEDED", "authorize payment: SUCCEEDED", "trace in Zipkin");
        });
        String link = (String) script("return document.querySelector('#orders .order a').href");
        String traceId = link.substring(link.lastIndexOf('/') + 1);
        // Each service reports its spans about a second after they end: the gateway's may come last.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stack.getAbsolute(
                "http://127.0.0.1:" + stack.supervisor.stack().zipkinPort() + "/api/v2/trace/" + traceId))
                .contains("\"serviceName\":\"gateway\"", "\"serviceName\":\"saga-orchestrator\""));
        screenshot("control-room.png");

        // Kafka in view: the order's events, read from the topic, each with the trace its headers carry.
        String orderId = ((String) script("return document.querySelector('#orders .order').id")).substring("order-".length());
        await().atMost(Duration.ofSeconds(10)).until(() -> clicked(By.cssSelector("button[data-messages='orders.events']")));
        await().atMost(Duration.ofSeconds(15)).until(() -> text("#messages-table").contains(orderId));
        assertThat(text("#messages")).startsWith("orders.events:");
        assertThat(text("#messages-table")).contains("OrderPlaced", "OrderApproved");
        assertThat((String) script("return [...document.querySelectorAll('#messages-table tr')]"
                + ".find(r => r.innerText.includes(arguments[0]) && r.innerText.includes('OrderPlaced')).querySelector('a').href", orderId))
                .endsWith("/traces/" + traceId);
    }

    @Test
    void aScenarioRunFromThePageShowsItsLinesAsTheyComeAndEndsWithItsVerdictOnThePage() {
        // The rate-limit scenario: a few seconds, and nothing broken that another test would meet.
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(
                By.xpath("//select[@id='scenario-name']/option[@value='rate-limit']")).isEmpty());
        browser.findElement(By.xpath("//select[@id='scenario-name']/option[@value='rate-limit']")).click();
        assertThat(text("#scenario-shows")).isNotBlank();

        browser.findElement(By.id("scenario-run")).click();

        await().atMost(Duration.ofSeconds(10)).until(() -> text("#run-lines").startsWith("Running rate-limit:"));
        await().atMost(Duration.ofMinutes(2)).until(() -> List.of("PASS", "FAIL", "ERROR").contains(text("#run-verdict")));
        assertThat(text("#run-verdict")).isEqualTo("PASS");
        assertThat(text("#run-lines")).contains("Scenario rate-limit", "[ok]");
        assertThat(text("#activity")).contains("scenario rate-limit ended: PASS");
        script("document.getElementById('run').scrollIntoView()");
        screenshot("control-room-scenario.png");
    }

    @Test
    void theMapShowsEveryRunningProcessAndBreakingInventoryServiceFromItTurnsItsLineRedAndMarksTheCharts() {
        List<String> nodes = List.of("gateway", "discovery", "kafka", "zipkin", "order-service", "payment-service",
                "inventory-service", "saga-orchestrator", "payment-provider", "inventory.commands");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            for (String node : nodes) {
                assertThat(script("return document.getElementById(arguments[0]) !== null", "node-" + node)).as(node).isEqualTo(true);
            }
            assertThat(cssClass("edge-gateway-inventory-service")).contains("good");
            assertThat(cssClass("edge-order-service-inventory-service")).contains("good");
            assertThat(cssClass("edge-inventory.commands-inventory-service")).isNotEmpty();
        });
        browser.findElement(By.id("traffic")).click();
        // The traffic asks for each order's details: order-service calls inventory-service for them.
        await().atMost(Duration.ofSeconds(20)).until(() -> text("#traffic-state").startsWith("ON"));
        // Orders flowing over Kafka: order-service's producer writes OrderPlaced to orders.events and the
        // orchestrator reads it, at a rate of records a second (two looks at their counters), on the
        // topic's node and each line's tooltip.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(svgText("node-orders.events")).contains("in ").contains("/s");
            assertThat(svgText("edge-order-service-orders.events")).contains("sent ").contains("/s");
            assertThat(svgText("edge-orders.events-saga-orchestrator")).contains("read ").contains("/s");
            // And over HTTP: order-service's calls to inventory-service a second, through its breaker.
            assertThat(svgText("edge-order-service-inventory-service")).contains("/s");
        });

        script("document.getElementById('node-inventory-service').dispatchEvent(new MouseEvent('click', {bubbles: true}))");
        await().atMost(Duration.ofSeconds(5)).until(() -> text("#map-actions").startsWith("inventory-service its API"));
        browser.findElement(By.xpath("//div[@id='map-actions']/button[text()='Errors 100 %']")).click();

        await().atMost(Duration.ofSeconds(30)).until(() -> cssClass("edge-order-service-inventory-service").contains("bad"));
        assertThat(svgText("node-inventory-service")).contains("BROKEN");
        await().atMost(Duration.ofSeconds(15)).until(() -> Boolean.TRUE.equals(script("return [...document.querySelectorAll("
                + "'#charts .marker title')].some(t => t.textContent.includes('inventory-service: inbound is broken'))")));
        script("document.getElementById('map').scrollIntoView()");
        screenshot("control-room-map.png");

        browser.findElement(By.xpath("//div[@id='map-actions']/button[text()='Heal inventory-service']")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !svgText("node-inventory-service").contains("BROKEN"));
        // Healed, the traffic's calls close order-service's breaker again (half-open after 5 s, then three
        // calls that pass): its line turns green, and the next test finds the system as it was.
        await().atMost(Duration.ofSeconds(30)).until(() -> cssClass("edge-order-service-inventory-service").contains("good"));
    }

    /** The text of an element of the map: SVG has no innerText. */
    private static String svgText(String id) {
        Object value = script("const e = document.getElementById(arguments[0]); return e ? e.textContent : ''", id);
        return value == null ? "" : value.toString();
    }

    private static String cssClass(String id) {
        Object value = script("const e = document.getElementById(arguments[0]); return e ? e.getAttribute('class') : ''", id);
        return value == null ? "" : value.toString();
    }

    private static String text(String selector) {
        return HeadlessChromium.text(browser, selector);
    }

    private static Object script(String code, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(code, args);
    }

    private static void post(String path) {
        script("fetch(arguments[0], {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{}'})", path);
    }

    private static void screenshot(String name) {
        HeadlessChromium.screenshot(browser, name);
    }
}
