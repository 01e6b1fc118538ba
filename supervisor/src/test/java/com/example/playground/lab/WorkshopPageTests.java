package com.example.playground.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The instructor's page, {@code docs/workshop/README.md}, follows the lab registry ({@link Labs#ALL}):
 * its table lists every lab in the registry's order as the lab's own page describes it, its quiz has
 * a section per lab, and wherever it names a lab (by number, title, link or command) that lab is the
 * registry's. Adding or renumbering a lab fails here until the page says so.
 */
class WorkshopPageTests {

    private static final Path PAGE = LabPagesTests.REPOSITORY.resolve("docs/workshop/README.md");

    /** {@code | 1 | [Title](../labs/01-name.md) | beginner | 15 | observe | [a](../patterns/a.md), ... |} */
    private static final Pattern TABLE_ROW = Pattern.compile(
            "(?m)^\\| (\\d+) \\| \\[([^\\]]+)\\]\\(([^)]+)\\) \\| ([a-z]+) \\| (\\d+) \\| ([^|]+?) \\| (.*) \\|$");
    /** The kind in a lab page's header table: {@code | beginner | 15 min | observe |}. */
    private static final Pattern PAGE_KIND = Pattern.compile("(?m)^\\| [a-z]+ \\| \\d+ min \\| ([^|]+?) \\|$");
    private static final Pattern PATTERN_LINK = Pattern.compile("\\]\\((\\.\\./patterns/[a-z0-9-]+\\.md)");
    /** A link to a lab's page; with an anchor, to a section of it. */
    private static final Pattern LAB_LINK = Pattern.compile("\\[([^\\]]+)\\]\\(\\.\\./labs/([^)#]+)(#[^)]*)?\\)");
    /** "Lab 5", "lab 5: ...", and "labs 5", which names several labs by number alone. */
    private static final Pattern NUMBERED = Pattern.compile("(?i)\\blab(s?) (\\d+)");
    /** A lab command with a lab after it: a name, or a number (placeholders are upper case). */
    private static final Pattern COMMAND = Pattern.compile("\\blab (?:start|check|hint|solution) ([a-z0-9][a-z0-9-]*)");
    private static final Pattern QUIZ_HEADING = Pattern.compile("(?m)^### (.+)$");

    /** One row of the labs table, or what it should say. */
    record Row(int number, String title, String page, String level, int minutes, String kind, Set<String> patterns) {
    }

    private static String text;

    @BeforeAll
    static void readThePage() throws IOException {
        assertThat(PAGE).as("the instructor's page").isRegularFile();
        text = Files.readString(PAGE);
    }

    @Test
    void theLabsTableListsEveryLabInTheRegistrysOrderAsItsPageDescribesIt() throws IOException {
        List<Row> expected = new ArrayList<>();
        for (Lab lab : Labs.ALL) {
            String page = Files.readString(LabPagesTests.REPOSITORY.resolve(Labs.page(lab)));
            Matcher kind = PAGE_KIND.matcher(page);
            assertThat(kind.find()).as("the kind in the header table of " + Labs.page(lab)).isTrue();
            expected.add(new Row(Labs.number(lab), lab.title(), "../labs/" + Path.of(Labs.page(lab)).getFileName(),
                    lab.level().name().toLowerCase(Locale.ROOT), lab.minutes(), kind.group(1), patternPages(page)));
        }
        List<Row> rows = new ArrayList<>();
        Matcher row = TABLE_ROW.matcher(section("## The labs"));
        while (row.find()) {
            rows.add(new Row(Integer.parseInt(row.group(1)), row.group(2), row.group(3), row.group(4),
                    Integer.parseInt(row.group(5)), row.group(6), patternPages(row.group(7))));
        }
        assertThat(rows).as("the rows of the labs table: one per lab of Labs.ALL, in its order, with the pattern"
                + " pages its page links to").containsExactlyElementsOf(expected);
    }

    @Test
    void theQuizHasASectionPerLabInTheRegistrysOrderWithItsAnswersFolded() {
        String quiz = section("## Quiz");
        List<String> headings = new ArrayList<>();
        QUIZ_HEADING.matcher(quiz).results().forEach(heading -> headings.add(heading.group(1)));
        assertThat(headings).as("the quiz's sections")
                .containsExactlyElementsOf(Labs.ALL.stream().map(lab -> "Lab %d: %s".formatted(Labs.number(lab), lab.title())).toList());
        for (String part : quiz.split("\n### ")) {
            if (part.startsWith("Lab ")) {
                assertThat(part).as("the quiz of " + part.lines().findFirst().orElse(""))
                        .contains("<details><summary>Answers</summary>").contains("</details>");
            }
        }
    }

    @Test
    void aLabNamedByItsNumberIsNamedWithItsTitleToo() {
        List<String> wrong = new ArrayList<>();
        Matcher numbered = NUMBERED.matcher(text);
        while (numbered.find()) {
            int number = Integer.parseInt(numbered.group(2));
            String rest = text.substring(numbered.end());
            if (!numbered.group(1).isEmpty()) {
                wrong.add("'" + numbered.group() + "': name each lab with its number and title, or by its name");
            } else if (number < 1 || number > Labs.ALL.size()) {
                wrong.add("'" + numbered.group() + "': there are labs 1 to " + Labs.ALL.size());
            } else {
                String title = Labs.ALL.get(number - 1).title();
                if (!rest.startsWith(": " + title) && !rest.startsWith(": [" + title + "]")) {
                    wrong.add("'" + numbered.group() + rest.lines().findFirst().orElse("") + "': lab " + number
                            + " is '" + title + "'; write 'Lab " + number + ": " + title + "'");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyLinkToALabPageAndEveryLabCommandNamesALabOfTheRegistry() {
        List<String> wrong = new ArrayList<>();
        Matcher link = LAB_LINK.matcher(text);
        while (link.find()) {
            String file = "docs/labs/" + link.group(2);
            Labs.ALL.stream().filter(lab -> Labs.page(lab).equals(file)).findFirst().ifPresentOrElse(
                    lab -> {
                        // A link to a section may say the section's name instead.
                        if (link.group(3) == null && !link.group(1).equals(lab.title())) {
                            wrong.add(link.group() + ": the link's text should be the lab's title, '" + lab.title() + "'");
                        }
                    },
                    () -> wrong.add(link.group() + ": no lab of Labs.ALL has that page"));
        }
        Matcher command = COMMAND.matcher(text);
        while (command.find()) {
            String lab = command.group(1);
            if (lab.matches("\\d+")) {
                wrong.add("'" + command.group() + "': use the lab's name, which stays when labs are added and renumbered");
            } else if (!Labs.names().contains(lab)) {
                wrong.add("'" + command.group() + "': no lab is called '" + lab + "' (" + Labs.names() + ")");
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** From a level-2 heading to the next one. */
    private static String section(String heading) {
        int start = text.indexOf("\n" + heading + "\n");
        assertThat(start).as("the page has a section '" + heading + "'").isNotNegative();
        int end = text.indexOf("\n## ", start + heading.length() + 2);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    private static Set<String> patternPages(String markdown) {
        Set<String> pages = new TreeSet<>();
        PATTERN_LINK.matcher(markdown).results().forEach(link -> pages.add(link.group(1)));
        return pages;
    }
}
