package com.example.playground.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.scenario.Scenarios;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docs that tell a reader what to type must name what the CLI has:
 * <ul>
 * <li>every {@code ./playground <command>} in the README and docs/ is a command of the CLI's own
 * help; where every help line of a command starts with a sub-command ({@code kafka stop|start}), a
 * word typed after it is one of those (the command alone, as prose names it, is fine);
 * <li>every {@code scenario run <name>} names a scenario of {@link Scenarios};
 * <li>every scenario is run on some page.
 * </ul>
 * Both lists come from the code (the help from the CLI's entry point, the scenarios from
 * {@link Scenarios#names()}), so a command or a scenario added there needs no change here.
 */
class DocsCommandsTests {

    /** What a reader types: {@code ./playground kafka stop} gives the command and the word after it. */
    private static final Pattern TYPED = Pattern.compile("\\./playground[ \\t]+([a-z][a-z-]*)(?:[ \\t]+([a-z][a-z-]*))?");
    private static final Pattern SCENARIO_RUN = Pattern.compile("scenario[ \\t]+run[ \\t]+([a-z][a-z0-9-]*)");
    /** A help line that names a command: two spaces, the command, then its arguments and, after a wide gap, what it does. */
    private static final Pattern HELP_LINE = Pattern.compile("(?m)^  ([a-z][a-z-]*)(.*)$");
    /** Arguments that start with sub-commands: {@code stop|start}, {@code list}, {@code run}. */
    private static final Pattern SUB_COMMANDS = Pattern.compile("[a-z][a-z-]*(\\|[a-z][a-z-]*)*");

    /** Each command of the help, with its sub-commands; an empty set when any word may follow it. */
    private static final Map<String, Set<String>> COMMANDS = new TreeMap<>();

    @BeforeAll
    static void askTheCliForItsCommands(@TempDir Path nowhere) throws IOException, InterruptedException {
        Set<String> takeAnyWord = new HashSet<>();
        Matcher lines = HELP_LINE.matcher(help(nowhere));
        while (lines.find()) {
            String command = lines.group(1);
            // "  kafka stop|start   stop the ..." -> "stop|start"; "  status   one line ..." -> "".
            String arguments = lines.group(2).startsWith("  ") ? "" : lines.group(2).strip().split("\\s{2,}")[0];
            String first = arguments.split(" ")[0];
            Set<String> subCommands = COMMANDS.computeIfAbsent(command, c -> new TreeSet<>());
            if (SUB_COMMANDS.matcher(first).matches()) {
                subCommands.addAll(List.of(first.split("\\|")));
            } else {
                takeAnyWord.add(command);
            }
        }
        takeAnyWord.forEach(command -> COMMANDS.get(command).clear());
    }

    @Test
    void everyCommandTheDocsTypeIsOneTheCliHas() throws IOException {
        List<String> typed = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Path page : DocsLinksTests.pages()) {
            Matcher commands = TYPED.matcher(Files.readString(page));
            while (commands.find()) {
                String command = commands.group(1);
                String next = commands.group(2);
                typed.add(command);
                Set<String> subCommands = COMMANDS.get(command);
                if (subCommands == null) {
                    unknown.add(where(page) + ": ./playground " + command + " (the CLI's commands: " + COMMANDS.keySet() + ")");
                } else if (next != null && !subCommands.isEmpty() && !subCommands.contains(next)) {
                    unknown.add(where(page) + ": " + commands.group() + " (" + command + " takes " + subCommands + ")");
                }
            }
        }
        assertThat(typed).as("commands found in the docs").isNotEmpty();
        assertThat(unknown).isEmpty();
    }

    @Test
    void everyScenarioTheDocsRunIsOneTheCliHas() throws IOException {
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<Path, List<String>> page : scenariosRunPerPage().entrySet()) {
            page.getValue().stream().filter(name -> !Scenarios.names().contains(name))
                    .forEach(name -> unknown.add(where(page.getKey()) + ": scenario run " + name
                            + " (the scenarios: " + Scenarios.names() + ")"));
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void everyScenarioIsRunOnSomePage() throws IOException {
        Set<String> run = new TreeSet<>();
        scenariosRunPerPage().values().forEach(run::addAll);
        assertThat(Scenarios.names()).isNotEmpty().allSatisfy(name -> assertThat(run)
                .as("pages that say './playground scenario run %s'", name).contains(name));
    }

    private static Map<Path, List<String>> scenariosRunPerPage() throws IOException {
        Map<Path, List<String>> runs = new TreeMap<>();
        for (Path page : DocsLinksTests.pages()) {
            Matcher names = SCENARIO_RUN.matcher(Files.readString(page));
            while (names.find()) {
                runs.computeIfAbsent(page, p -> new ArrayList<>()).add(names.group(1));
            }
        }
        return runs;
    }

    /**
     * {@code ./playground help}, as a user sees it: the CLI's public entry point in a JVM of its own,
     * with the test's class path and a state folder of its own, so no playground of the machine is read.
     */
    private static String help(Path nowhere) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dplayground.home=" + nowhere, "com.example.playground.cli.PlaygroundCli", "help")
                .directory(nowhere.toFile()).redirectErrorStream(true).redirectOutput(nowhere.resolve("help.txt").toFile());
        builder.environment().put("PLAYGROUND_STATE", nowhere.resolve("state").toString());
        builder.environment().remove("PLAYGROUND_PORT_OFFSET");
        Process cli = builder.start();
        if (!cli.waitFor(30, TimeUnit.SECONDS)) {
            cli.destroyForcibly();
        }
        String output = Files.readString(nowhere.resolve("help.txt"), StandardCharsets.UTF_8);
        assertThat(cli.exitValue()).as("help's exit code; it printed:%n%s", output).isZero();
        return output;
    }

    private static String where(Path page) {
        return DocsLinksTests.HOME.relativize(page).toString();
    }
}
