package com.example.playground.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrettyJsonTests {

    @Test
    void indentsObjectsAndArraysButLeavesStringsAlone() {
        String json = "{\"inventory.commands.dlt\":{\"count\":1,\"latest\":[{\"payload\":\"{not json, [x]\\\"\",\"key\":null}]},\"empty\":[]}";

        assertThat(PrettyJson.indent(json)).isEqualTo("""
                {
                  "inventory.commands.dlt": {
                    "count": 1,
                    "latest": [
                      {
                        "payload": "{not json, [x]\\"",
                        "key": null
                      }
                    ]
                  },
                  "empty": []
                }""");
    }
}
