package com.example.playground.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.playground.supervisor.PlaygroundException;
import com.example.playground.supervisor.Stack;
import com.example.playground.supervisor.Supervisor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabsTests {

    @TempDir
    Path home;

    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    Labs labs() {
        return new Labs(new Supervisor(home, home.resolve(".playground"), Stack.withPortOffset(22_000), out), out);
    }

    @Test
    void aLabIsFoundByItsNumberOrItsNameAndAnythingElseIsRefusedWithTheRange() {
        Lab first = Labs.ALL.get(0);

        assertThat(Labs.find("1")).isSameAs(first);
        assertThat(Labs.find("01")).isSameAs(first);
        assertThat(Labs.find(first.name())).isSameAs(first);
        assertThat(Labs.page(first)).isEqualTo("docs/labs/01-" + first.name() + ".md");
        assertThatThrownBy(() -> Labs.find("0")).isInstanceOf(PlaygroundException.class)
                .hasMessageContaining("No lab '0'").hasMessageContaining("1 to " + Labs.ALL.size());
        assertThatThrownBy(() -> Labs.find("no-such-lab")).hasMessageContaining("No lab 'no-such-lab'");
    }

    @Test
    void everyLabHasItsOwnNameAWholeDescriptionAndHints() {
        assertThat(Labs.names()).doesNotHaveDuplicates().allMatch(name -> name.matches("[a-z0-9-]+"));
        assertThat(Labs.ALL).allSatisfy(lab -> {
            assertThat(lab.title()).isNotBlank();
            assertThat(lab.goal()).isNotBlank();
            assertThat(lab.firstStep()).isNotBlank();
            assertThat(lab.solution()).isNotBlank();
            assertThat(lab.hints()).isNotEmpty();
            assertThat(lab.minutes()).isBetween(5, 90);
        });
    }

    @Test
    void aLabThatNeedsPostgresIsRefusedOnH2BeforeAnythingStartsAndSaysHow() {
        List<String> onPostgres = Labs.names(true);

        assertThat(onPostgres).containsExactly("in-doubt-order", "reader-nobody-knew");
        assertThat(Labs.names(false)).hasSize(Labs.ALL.size() - onPostgres.size()).doesNotContainAnyElementsOf(onPostgres);
        for (String lab : onPostgres) {
            assertThatThrownBy(() -> labs().start(lab)).isInstanceOf(PlaygroundException.class)
                    .hasMessageContaining("needs the playground on PostgreSQL").hasMessageContaining("up --db postgres");
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("Preparing", "started");
        assertThat(home.resolve(".playground/run")).doesNotExist();
    }

    @Test
    void hintsComeOneMoreAtATimeAndTheCountSurvivesTheCommand() {
        Lab lab = Labs.ALL.get(0);
        List<String> hints = lab.hints();

        labs().hint("1");
        assertThat(printed.toString()).contains("Hint 1 of " + hints.size() + ": " + hints.get(0))
                .doesNotContain("Hint 2 of");
        printed.reset();
        labs().hint("1");
        assertThat(printed.toString()).contains("Hint 1 of").contains("Hint 2 of " + hints.size() + ": " + hints.get(1));
        for (int i = 0; i < hints.size(); i++) {
            printed.reset();
            labs().hint("1");
        }
        assertThat(printed.toString()).contains("Hint " + hints.size() + " of " + hints.size())
                .contains("That is every hint. './playground lab solution 1'");
    }

    @Test
    void theListShowsEveryLabWithItsLevelAndMinutesAndWhichAreDone() {
        labs().list();

        String list = printed.toString();
        for (Lab lab : Labs.ALL) {
            assertThat(list).contains(lab.title()).contains(lab.name());
        }
        assertThat(list).doesNotContain(" yes");
        LabProgress.in(home.resolve(".playground")).passed(Labs.ALL.get(0).name());
        printed.reset();
        labs().list();
        assertThat(printed.toString().lines().filter(line -> line.endsWith(" yes")).count()).isEqualTo(1);
    }

    @Test
    void checkAndSolutionNeedALabAndARunningStackAndSayHowToGetThem() {
        assertThatThrownBy(() -> labs().check(null, null)).hasMessageContaining("No lab in progress");
        assertThatThrownBy(() -> labs().check("1", null)).hasMessageContaining("The playground is not running");
        assertThatThrownBy(() -> labs().solution("1", true)).hasMessageContaining("The playground is not running");
    }

    @Test
    void aPlantGoesInAndComesOutAsExactTextAndAFileThatIsNeitherIsLeftAlone() throws Exception {
        Path file = home.resolve("module/src/Thing.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "class Thing {\n    int undo() { return last(); }\n    // an attendee's note\n}\n");
        CodePlant plant = new CodePlant("module", "module/src/Thing.java", "return last();", "return first();");

        assertThat(plant.plant(home)).isTrue();
        assertThat(Files.readString(file)).contains("return first();").contains("// an attendee's note");
        assertThat(plant.isPlanted(home)).isTrue();
        assertThat(plant.plant(home)).as("planting twice").isFalse();
        assertThat(plant.unplant(home)).isTrue();
        assertThat(Files.readString(file)).contains("return last();").doesNotContain("first()");
        assertThat(plant.unplant(home)).as("nothing left to take out").isFalse();

        Files.writeString(file, "class Thing { int undo() { return somethingElse(); } }\n");
        assertThatThrownBy(() -> plant.plant(home)).hasMessageContaining("git checkout -- module/src/Thing.java");
        assertThat(Files.readString(file)).contains("somethingElse");
    }

    @Test
    void everyPlantMatchesTheCodeAsItIsInTheRepository() {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        for (Lab lab : Labs.ALL) {
            lab.plant().ifPresent(plant -> {
                assertThat(repository.resolve(plant.file())).as(lab.name()).isRegularFile();
                assertThat(plant.isPlanted(repository)).as(lab.name() + " is planted in the working tree").isFalse();
                try {
                    assertThat(Files.readString(repository.resolve(plant.file()))).as(lab.name()).contains(plant.original());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    @Test
    void aVerdictPassesOnlyWhenEveryExpectationHoldsAndSaysWhatIsStillWrong() {
        Verdict verdict = new Verdict();
        assertThat(verdict.passed()).as("nothing checked").isFalse();
        verdict.expect(true, "the order was placed", "no order");
        verdict.expect(false, "the breaker stayed CLOSED", "the breaker is OPEN after 4 orders");

        verdict.print(out);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.stillWrong()).containsExactly("the breaker is OPEN after 4 orders");
        assertThat(printed.toString()).contains("[ok] the order was placed")
                .contains("[still wrong] the breaker is OPEN after 4 orders").endsWith("FAIL\n");
    }
}
