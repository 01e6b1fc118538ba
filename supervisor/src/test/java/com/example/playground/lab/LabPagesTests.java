package com.example.playground.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every lab has its page where the registry says, in the one shape, and the page's hints are the CLI's. */
class LabPagesTests {

    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    static final List<String> SECTIONS = List.of("## What you will learn", "## Before you begin", "## Steps",
            "## The question", "## Check", "## Hints", "## What happened and why");

    @Test
    void everyLabHasAPageInTheOneShapeWithItsHintsWordForWord() throws IOException {
        for (Lab lab : Labs.ALL) {
            Path page = REPOSITORY.resolve(Labs.page(lab));
            assertThat(page).as("the page of lab " + lab.name()).isRegularFile();
            String text = Files.readString(page);
            assertThat(text.lines().findFirst().orElse(""))
                    .isEqualTo("# Lab %02d: %s".formatted(Labs.number(lab), lab.title()));
            assertThat(text).as(page.toString())
                    .contains("| " + lab.level().name().toLowerCase(Locale.ROOT) + " | " + lab.minutes() + " min |");
            for (String section : SECTIONS) {
                assertThat(text).as(page + " has " + section).contains("\n" + section + "\n");
            }
            for (String hint : lab.hints()) {
                assertThat(text.replaceAll("\\s+", " ")).as(page + " holds the hint word for word").contains(hint);
            }
        }
    }

    @Test
    void noPageIsLeftWithoutItsLab() throws IOException {
        List<String> pages = Labs.ALL.stream().map(Labs::page).map(page -> Path.of(page).getFileName().toString()).toList();
        try (var files = Files.list(REPOSITORY.resolve("docs/labs"))) {
            assertThat(files.map(path -> path.getFileName().toString()).filter(name -> name.matches("\\d\\d-.*\\.md")))
                    .allMatch(pages::contains);
        }
    }
}
