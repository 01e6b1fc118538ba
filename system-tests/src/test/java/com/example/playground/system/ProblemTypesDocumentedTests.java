package com.example.playground.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.support.testing.DocumentedProblems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Clients branch on a problem's type, so every type the code can answer with is in
 * docs/problems.md: a new one cannot ship undocumented, nor a documented one be renamed unnoticed.
 */
class ProblemTypesDocumentedTests {

    private static final Path HOME = Path.of(System.getProperty("playground.home", "..")).toAbsolutePath().normalize();
    /** new ProblemException(HttpStatus.X, "type", ...) and Problems.problem(HttpStatus.X, "type", ...). */
    private static final Pattern IN_CODE = Pattern.compile(
            "(?:ProblemException|Problems\\.problem)\\(\\s*HttpStatus\\.[A-Z_]+,\\s*\"([a-z0-9-]+)\"");
    /** A type written out in full, as the gateway and Tomcat's error valve write their JSON by hand. */
    private static final Pattern WRITTEN_OUT = Pattern.compile("urn:playground:problem:([a-z0-9-]+)");

    @Test
    void everyProblemTypeInTheCodeIsInTheDocs() {
        Set<String> used = typesUsedInCode();

        assertThat(used).as("the scan itself").contains("malformed-request", "rate-limited", "order-not-found");
        assertThat(DocumentedProblems.types()).containsAll(used);
    }

    private static Set<String> typesUsedInCode() {
        Set<String> types = new TreeSet<>();
        try (Stream<Path> files = Files.walk(HOME)) {
            files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> file.toString().contains("/src/main/java/"))
                    .forEach(file -> {
                        String code = read(file);
                        IN_CODE.matcher(code).results().forEach(match -> types.add(match.group(1)));
                        WRITTEN_OUT.matcher(code).results().forEach(match -> types.add(match.group(1)));
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return types;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
