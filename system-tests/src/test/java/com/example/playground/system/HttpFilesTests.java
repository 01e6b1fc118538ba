package com.example.playground.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every request of the README's "Try it" is in http/try-it.http, with the same method and path, and a status to expect. */
class HttpFilesTests {

    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    static final Path TRY_IT = REPOSITORY.resolve("http/try-it.http");
    private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:8080(/[^\\s\"]+)");
    private static final Pattern METHOD = Pattern.compile("-X (\\w+)");

    @Test
    void everyRequestOfTheReadmesTryItIsInTheRequestFile() throws IOException {
        String readme = Files.readString(REPOSITORY.resolve("README.md"));
        String tryIt = readme.substring(readme.indexOf("## Try it"), readme.indexOf("## ", readme.indexOf("## Try it") + 3));
        List<String> inReadme = new ArrayList<>();
        for (String line : tryIt.lines().filter(line -> line.startsWith("curl ")).toList()) {
            Matcher url = URL.matcher(line);
            Matcher method = METHOD.matcher(line);
            assertThat(url.find()).as(line).isTrue();
            inReadme.add((method.find() ? method.group(1) : "GET") + " " + url.group(1).replace("<orderId>", "ORDER"));
        }
        HttpFile file = HttpFile.read(TRY_IT);
        List<String> inFile = file.requests().stream().map(r -> r.method() + " " + r.url().replace("{{gateway}}", "")
                .replace("{{placed.response.body.$.orderId}}", "ORDER")).toList();

        assertThat(inReadme).hasSize(10);
        assertThat(inFile).containsExactlyElementsOf(inReadme);
        assertThat(file.requests()).allSatisfy(r -> assertThat(r.expect()).as(r.title()).isBetween(200, 499));
        assertThat(file.variables()).containsEntry("gateway", "http://127.0.0.1:8080");
    }
}
