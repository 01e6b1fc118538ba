package com.example.playground.controlroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTests {

    @Test
    void stringsAreQuotedSoThePageCanParseAnything() {
        assertThat(Json.string("say \"hi\"\\\n\tnow\u0001")).isEqualTo("\"say \\\"hi\\\"\\\\\\n\\tnow\\u0001\"");
        assertThat(Json.string(null)).isEqualTo("null");
    }

    @Test
    void objectsEmbedValuesThatAreJsonAlready() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("breakers", "{\"state\":\"OPEN\"}");
        fields.put("missing", null);
        assertThat(Json.object(fields)).isEqualTo("{\"breakers\":{\"state\":\"OPEN\"},\"missing\":null}");
    }

    @Test
    void aRequestsFlatFieldsAreRead() {
        String body = "{\"target\": \"payment.commands\", \"errorRate\": 0.5, \"hang\": true, \"latency\": \"a \\\"b\\\"\"}";
        assertThat(Json.field(body, "target")).hasValue("payment.commands");
        assertThat(Json.field(body, "errorRate")).hasValue("0.5");
        assertThat(Json.field(body, "hang")).hasValue("true");
        assertThat(Json.field(body, "latency")).hasValue("a \"b\"");
        assertThat(Json.field(body, "absent")).isEmpty();
    }
}
