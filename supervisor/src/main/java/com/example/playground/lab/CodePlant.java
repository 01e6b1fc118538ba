package com.example.playground.lab;

import com.example.playground.supervisor.PlaygroundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A defect a planted-bug lab puts into the code: in one source file of one module, the correct
 * {@code original} text (found exactly once) becomes the {@code planted} text. Planting and taking it out are exact text
 * replacements, so an attendee's own edits elsewhere in the file survive, and a file that holds
 * neither text is left alone with a clear message.
 *
 * @param module the Maven module (and service) that is rebuilt and restarted
 * @param file the source file, relative to the repository
 */
record CodePlant(String module, String file, String original, String planted) {

    /** Whether the planted text is in the file now. */
    boolean isPlanted(Path home) {
        return read(home).contains(planted);
    }

    /** Puts the defect in; false if it was in already. */
    boolean plant(Path home) {
        return replace(home, original, planted);
    }

    /** Takes the defect out; false if it was not in (already fixed, or never planted). */
    boolean unplant(Path home) {
        return replace(home, planted, original);
    }

    private boolean replace(Path home, String from, String to) {
        String text = read(home);
        if (text.contains(to) && !text.contains(from)) {
            return false;
        }
        if (text.indexOf(from) != text.lastIndexOf(from) || !text.contains(from)) {
            throw new PlaygroundException(file + " is not as this lab expects (someone changed the lines it plants"
                    + " into). Put it back with 'git checkout -- " + file + "' and try again.", PlaygroundException.FAILED);
        }
        try {
            Files.writeString(home.resolve(file), text.replace(from, to), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PlaygroundException("Cannot write " + file + ": " + e.getMessage(), PlaygroundException.FAILED);
        }
        return true;
    }

    private String read(Path home) {
        try {
            return Files.readString(home.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PlaygroundException("Cannot read " + file + ": " + e.getMessage(), PlaygroundException.FAILED);
        }
    }
}
