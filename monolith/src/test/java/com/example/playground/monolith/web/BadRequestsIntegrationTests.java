package com.example.playground.monolith.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** A client's mistakes are 4xx problems of a stable type, never a 5xx, and store nothing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class BadRequestsIntegrationTests {

    private static final String TYPE = "urn:playground:problem:";

    @Autowired MockMvcTester mvc;
    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    @ParameterizedTest
    @ValueSource(strings = {
            """
            {"customerId": "alice", "items": [{"sku": "book", "quantity": "2"}]}""",
            """
            {"customerId": "alice", "items": [{"sku": "book", "quantity": 1.5}]}""",
            """
            {"customerId": "alice", "items": [{"sku": "book", "quantity": 1}], "saga": "orchestration"}""",
            """
            {"customerId": 7, "items": [{"sku": "book", "quantity": 1}]}""",
            """
            {"customerId": "alice", "customerId": "bob", "items": [{"sku": "book", "quantity": 1}]}""",
            "customerId=alice&sku=book",
            ""})
    void aBodyThatIsNotTheRequestsJsonIsMalformed(String body) {
        long orders = storedOrders();

        assertThat(place(body)).hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.type").isEqualTo(TYPE + "malformed-request");

        assertThat(storedOrders()).isEqualTo(orders);
    }

    /** Refused by Tomcat before Spring sees it (an encoded slash in the path): a problem still, not Tomcat's HTML page. */
    @Test
    void aPathTomcatRefusesIsAProblemToo() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/monolith/orders/a%2Fb")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        assertThat(answer.body()).contains("\"type\":\"" + TYPE + "malformed-request\"").doesNotContain("<html");
    }

    @Test
    void aQuantityGivenAsTextIsNamedInTheDetail() {
        assertThat(place("""
                {"customerId": "alice", "items": [{"sku": "book", "quantity": "2"}]}""")).bodyJson()
                .extractingPath("$.detail").asString().startsWith("'items[0].quantity' does not have the expected type");
    }

    @Test
    void everyBrokenFieldIsListed() {
        MvcTestResult result = place("""
                {"customerId": "-alice", "items": [{"sku": "book", "quantity": 0}, {"sku": "pen", "quantity": 100001}]}""");

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .extractingPath("$.type").isEqualTo(TYPE + "validation-failed");
        assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray()
                .containsExactlyInAnyOrder("customerId", "items[0].quantity", "items[1].quantity");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            """
            {"customerId": "alice", "items": []}""",
            """
            {"customerId": "alice"}""",
            """
            {"items": [{"sku": "book", "quantity": 1}]}""",
            """
            {"customerId": "alice", "items": [{"quantity": 1}]}""",
            """
            {"customerId": "alice", "items": [null]}"""})
    void aMissingPartIsAValidationFailure(String body) {
        assertThat(place(body)).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .extractingPath("$.type").isEqualTo(TYPE + "validation-failed");
    }

    @Test
    void moreThanFiftyLinesIsAValidationFailure() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            items.append(i == 0 ? "" : ",").append("{\"sku\": \"sku-").append(i).append("\", \"quantity\": 1}");
        }
        assertThat(place("{\"customerId\": \"alice\", \"items\": [" + items + "]}")).hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("items");
    }

    @Test
    void aSkuTwiceIsADuplicateAndStoresNothing() {
        long orders = storedOrders();

        assertThat(place("""
                {"customerId": "alice", "items": [{"sku": "book", "quantity": 1}, {"sku": "book", "quantity": 2}]}"""))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.type").isEqualTo(TYPE + "duplicate-sku");

        assertThat(storedOrders()).isEqualTo(orders);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/monolith/orders/-1", "/api/monolith/products/.hidden", "/api/monolith/customers/a%20b"})
    void anIdThatIsNoIdentifierIsAValidationFailure(String path) {
        assertThat(mvc.get().uri(path)).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .extractingPath("$.type").isEqualTo(TYPE + "validation-failed");
    }

    @Test
    void unknownProductsAndCustomersAre404() {
        assertThat(mvc.get().uri("/api/monolith/products/unicorn")).hasStatus(HttpStatus.NOT_FOUND).bodyJson()
                .extractingPath("$.type").isEqualTo(TYPE + "unknown-sku");
        assertThat(mvc.get().uri("/api/monolith/customers/mallory")).hasStatus(HttpStatus.NOT_FOUND).bodyJson()
                .extractingPath("$.type").isEqualTo(TYPE + "unknown-customer");
    }

    @Test
    void springsOwnErrorsAreProblemsNamedAfterTheirStatus() {
        assertThat(mvc.get().uri("/api/monolith/nothing-here")).hasStatus(HttpStatus.NOT_FOUND)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.type").isEqualTo(TYPE + "not-found");
        assertThat(mvc.delete().uri("/api/monolith/orders/some-order")).hasStatus(HttpStatus.METHOD_NOT_ALLOWED)
                .bodyJson().extractingPath("$.type").isEqualTo(TYPE + "method-not-allowed");
        assertThat(mvc.post().uri("/api/monolith/orders").contentType(MediaType.TEXT_PLAIN).content("alice, 2 books"))
                .hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .bodyJson().extractingPath("$.type").isEqualTo(TYPE + "unsupported-media-type");
    }

    private MvcTestResult place(String body) {
        return mvc.post().uri("/api/monolith/orders").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    @Test
    void aBodyOverSixteenKilobytesIsRefusedBeforeItIsRead() {
        long orders = storedOrders();
        String body = "{\"customerId\": \"alice\", \"items\": [{\"sku\": \"book\", \"quantity\": 1}], \"pad\": \""
                + "x".repeat(17 * 1024) + "\"}";

        assertThat(mvc.post().uri("/api/monolith/orders").contentType(MediaType.APPLICATION_JSON).content(body).exchange())
                .hasStatus(HttpStatus.CONTENT_TOO_LARGE)
                .bodyJson().extractingPath("$.type").isEqualTo(TYPE + "request-too-large");
        assertThat(storedOrders()).isEqualTo(orders);
    }

    private long storedOrders() {
        return jdbc.sql("select count(*) from shop_order").query(Long.class).single();
    }
}
