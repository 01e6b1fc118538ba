package com.example.playground.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTests {

    final Object tree = Json.parse("""
            {"status": "UP", "circuitBreakers": {"inventory-service": {"state": "OPEN"}},
             "measurements": [{"value": 7.5}], "on": true, "text": "say \\"hi\\"\\n"}""");

    @Test
    void valuesAreFoundByPathWhateverTheOrderOfFields() {
        assertThat(Json.text(tree, "circuitBreakers", "inventory-service", "state")).isEqualTo("OPEN");
        assertThat(Json.text(tree, "measurements", 0, "value")).isEqualTo("7.5");
        assertThat(Json.text(tree, "on")).isEqualTo("true");
        assertThat(Json.text(tree, "text")).isEqualTo("say \"hi\"\n");
        assertThat(Json.text(tree, "measurements", 3, "value")).isNull();
        assertThat(Json.text(tree, "status", "deeper")).isNull();
        assertThat(Json.objectAt(tree, "circuitBreakers")).containsOnlyKeys("inventory-service");
        assertThat(Json.listAt(tree, "measurements")).hasSize(1);
        assertThat(Json.listAt(tree, "status")).isEmpty();
    }

    @Test
    void whatIsWrittenReadsBackTheSameAndAnythingCanBeQuoted() {
        Map<String, Object> value = Map.of("line", "a \"quoted\" \\ line\n\u0001", "list", List.of(1, true));

        assertThat(Json.parse(Json.write(value))).isEqualTo(value);
    }

    @Test
    void textThatIsNotJsonIsSaidToBeSoOrReadAsNothing() {
        assertThatThrownBy(() -> Json.parse("<html>502</html>")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not JSON: <html>");
        assertThat(Json.object("<html>502</html>")).isEmpty();
        assertThat(Json.object("[1, 2]")).isEmpty();
        assertThat(Json.object(null)).isEmpty();
        assertThat(Json.pretty("not json")).isEqualTo("not json");
        assertThat(Json.pretty("{\"a\":{\"b\":1}}")).contains("\"a\" : {", "\n");
    }
}
