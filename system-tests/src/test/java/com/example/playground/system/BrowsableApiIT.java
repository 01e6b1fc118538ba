package com.example.playground.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The browsable API (docs/browsable-api.md) on the real stack, through the gateway: every service's
 * OpenAPI description served, and the one Swagger UI in a real headless Chromium, listing every
 * service and sending "Try it out" through the gateway.
 */
class BrowsableApiIT {

    /** The descriptions the Swagger UI lists, in its order; "Try it out" reaches the monolith only while it runs. */
    static final List<String> LISTED = List.of("order-service", "payment-service", "inventory-service",
            "saga-orchestrator", "monolith (up --with monolith)");

    static ChromeDriver browser;

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theGatewayServesEveryDescriptionTheSwaggerUiLists() throws IOException {
        RunningStack stack = RunningStack.get();

        for (String service : BrowsableApiTests.described()) {
            RunningStack.Response description = stack.get("/api-docs/" + service + ".json");
            assertThat(description.status()).as(service).isEqualTo(200);
            assertThat(description.body().at("/info/title").asString()).isEqualTo(service);
        }
    }

    @Test
    void oneSwaggerUiThroughTheGatewayListsEveryServiceAndTriesARequestThroughTheGateway() {
        browser = HeadlessChromium.start("the gateway's Swagger UI");
        RunningStack stack = RunningStack.get();
        browser.get("http://127.0.0.1:" + stack.supervisor.stack().gatewayPort() + "/swagger-ui.html");

        await().atMost(Duration.ofSeconds(30)).until(() -> !browser.findElements(By.id("select")).isEmpty()
                && !browser.findElements(By.cssSelector(".opblock")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#select option"))).extracting(WebElement::getText)
                .containsExactlyElementsOf(LISTED);

        // Each service's description in turn, inventory-service's last: its GET is tried below.
        for (String service : List.of("order-service", "payment-service", "saga-orchestrator", "inventory-service")) {
            browser.findElement(By.xpath("//select[@id='select']/option[text()='" + service + "']")).click();
            await().atMost(Duration.ofSeconds(15)).until(() -> service.equals(text(".information-container .title")
                    .replaceAll("\\s.*", "")) && !browser.findElements(By.cssSelector(".opblock")).isEmpty());
        }

        // Try GET /api/inventory/{sku} for the book, as a newcomer would.
        WebElement operation = browser.findElement(By.cssSelector(".opblock-get [data-path='/api/inventory/{sku}']"));
        operation.click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.cssSelector(".try-out__btn")).isEmpty());
        browser.findElement(By.cssSelector(".try-out__btn")).click();
        WebElement sku = browser.findElement(By.cssSelector("input[placeholder='sku']"));
        sku.sendKeys("book");
        browser.findElement(By.cssSelector(".execute")).click();
        await().atMost(Duration.ofSeconds(15)).until(() -> text(".live-responses-table tbody .response-col_status").startsWith("200"));
        assertThat(text(".request-url")).endsWith("http://127.0.0.1:"
                + stack.supervisor.stack().gatewayPort() + "/api/inventory/book");
        assertThat(text(".live-responses-table tbody .response-col_description")).contains("\"sku\"", "\"book\"");
        screenshot("swagger-ui.png");
    }

    private static String text(String selector) {
        return HeadlessChromium.text(browser, selector);
    }

    private static void screenshot(String name) {
        HeadlessChromium.screenshot(browser, name);
    }
}
