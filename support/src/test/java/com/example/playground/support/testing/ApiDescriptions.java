package com.example.playground.support.testing;

import static org.assertj.core.api.Assertions.fail;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Keeps docs/api/SERVICE.json, the OpenAPI description the gateway's Swagger UI serves, equal to
 * what springdoc describes from the service's controllers now (docs/browsable-api.md). Asked of a
 * test's own application context, so no new context starts for it.
 */
public final class ApiDescriptions {

    private ApiDescriptions() {
    }

    /**
     * Passes when the file holds the description; otherwise rewrites the file and fails, so the change
     * shows in {@code git diff} and goes into the commit with the code that made it. A clean clone
     * with a stale file fails here.
     */
    public static void assertCurrent(WebApplicationContext context, String service) throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
        String now = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString().replace("\r\n", "\n").strip() + "\n";
        Path file = folder().resolve(service + ".json");
        String before = Files.exists(file) ? Files.readString(file) : "";
        if (!now.equals(before)) {
            Files.writeString(file, now);
            fail("docs/api/%s.json was not %s's API as its controllers describe it now: it has been rewritten;"
                    + " review it (git diff) and commit it with the change", service, service);
        }
    }

    private static Path folder() throws IOException {
        Path start = Path.of(System.getProperty("playground.home", "")).toAbsolutePath();
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            if (Files.exists(folder.resolve("docs/problems.md"))) {
                return Files.createDirectories(folder.resolve("docs/api"));
            }
        }
        throw new IllegalStateException("docs/ not found above " + start);
    }
}
