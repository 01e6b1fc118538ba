package com.example.playground.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LabsTests {

    /** The repository, seen from the supervisor module where the tests run. */
    static final Path HOME = Path.of("..");

    /**
     * Every 'lab start' takes every lab's defect out first, so one plant whose text is not in its
     * file (a changed line, lost indentation) stops every lab from starting.
     */
    @Test
    void everyPlantedDefectFitsTheFileItPlantsInto() throws IOException {
        for (Lab lab : Labs.ALL) {
            if (lab.plant().isPresent()) {
                CodePlant plant = lab.plant().get();
                // Planted is fine too: the lab may be in progress in this checkout.
                assertThat(Files.readString(HOME.resolve(plant.file()))).as(lab.name() + "'s plant in " + plant.file())
                        .containsAnyOf(plant.original(), plant.planted());
            }
        }
    }

    @Test
    void namesAreUniqueAndEveryLabHasHints() {
        assertThat(Labs.names()).doesNotHaveDuplicates();
        assertThat(Labs.ALL).allSatisfy(lab -> assertThat(lab.hints()).isNotEmpty());
    }
}
