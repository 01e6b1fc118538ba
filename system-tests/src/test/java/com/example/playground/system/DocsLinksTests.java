package com.example.playground.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Docs that point at code must not point at code that moved: every relative link must resolve. */
class DocsLinksTests {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    static final Path HOME = Path.of(System.getProperty("playground.home", "..")).toAbsolutePath().normalize();

    @Test
    void everyRelativeLinkInTheReadmeAndDocsResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            Matcher links = LINK.matcher(Files.readString(page));
            while (links.find()) {
                String target = links.group(1);
                if (target.startsWith("http://") || target.startsWith("https://") || target.startsWith("#")) {
                    continue;
                }
                String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                if (!Files.exists(page.getParent().resolve(path))) {
                    broken.add(HOME.relativize(page) + " -> " + target);
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void everyPatternPageIsInTheReadmesTable() throws IOException {
        String readme = Files.readString(HOME.resolve("README.md"));
        try (Stream<Path> patterns = Files.list(HOME.resolve("docs/patterns"))) {
            assertThat(patterns.map(p -> "docs/patterns/" + p.getFileName())).isNotEmpty()
                    .allSatisfy(page -> assertThat(readme).contains("(" + page + ")"));
        }
    }

    /** The README and every page under docs/. */
    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(HOME.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(HOME.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        return pages;
    }
}
