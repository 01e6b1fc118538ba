package com.example.playground.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package is the unit of encapsulation: a class is public only when code outside its package
 * needs it. "Code" is main and test code of every module, the system tests included: a class that a
 * test in another package uses cannot be package-private without moving that test, and the
 * compiler would say so anyway. What the compiler cannot see, entry points and classes Spring Boot
 * finds by name, is listed below with the reason.
 */
class PackagePrivateTests {

    /**
     * Public on purpose although nothing of ours outside their package names them. Keep a reason
     * beside each; the second test below fails when an entry is no longer needed.
     */
    private static final Map<String, String> PUBLIC_ON_PURPOSE = Map.of(
            // None today: entry points and auto-configurations are recognised on their own. Add
            // "class name", "why" pairs here.
            );

    @Test
    void publicClassesAreUsedOutsideTheirPackage() {
        classes().that(areMainCode())
                .and().arePublic()
                // A type declared in an interface is public whatever it says.
                .and(areNotDeclaredInAnInterface())
                .and(areNot(entryPoints())).and(areNot(autoConfigurations())).and(areNot(namedInTheList()))
                .should(beUsedOutsideTheirPackage())
                .because("a class nothing outside its package needs is package-private; what must stay public"
                        + " anyway is listed in " + PackagePrivateTests.class.getSimpleName())
                .check(Module.allClassesWithTests());
    }

    @Test
    void everyClassInTheListIsPublicAndUnusedOutsideItsPackage() {
        for (var entry : PUBLIC_ON_PURPOSE.entrySet()) {
            assertThat(Module.allClassesWithTests().contain(entry.getKey()))
                    .as("%s is in the list of public classes but is no class of ours", entry.getKey()).isTrue();
            JavaClass javaClass = Module.allClassesWithTests().get(entry.getKey());
            assertThat(javaClass.getModifiers()).as("%s is in the list but not public", javaClass.getName())
                    .contains(JavaModifier.PUBLIC);
            assertThat(isUsedOutsideItsPackage(javaClass))
                    .as("%s is used outside its package now: take it off the list", javaClass.getName()).isFalse();
        }
    }

    private static ArchCondition<JavaClass> beUsedOutsideTheirPackage() {
        return new ArchCondition<>("be used outside their package") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                if (!isUsedOutsideItsPackage(javaClass)) {
                    events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName()
                            + " is public, but nothing outside " + javaClass.getPackageName()
                            + " uses it: make it package-private"));
                }
            }
        };
    }

    private static boolean isUsedOutsideItsPackage(JavaClass javaClass) {
        return javaClass.getDirectDependenciesToSelf().stream()
                .anyMatch(dependency -> !dependency.getOriginClass().getPackageName().equals(javaClass.getPackageName()));
    }

    private static DescribedPredicate<JavaClass> areMainCode() {
        return DescribedPredicate.describe("are main code",
                javaClass -> Module.allMainClasses().contain(javaClass.getName()));
    }

    private static DescribedPredicate<JavaClass> areNotDeclaredInAnInterface() {
        return DescribedPredicate.describe("are not declared in an interface",
                javaClass -> javaClass.getEnclosingClass().map(enclosing -> !enclosing.isInterface()).orElse(true));
    }

    private static DescribedPredicate<JavaClass> areNot(DescribedPredicate<JavaClass> predicate) {
        return DescribedPredicate.not(predicate).as("are not " + predicate.getDescription());
    }

    /** The JVM, or Spring Boot's launcher, starts them: the services' applications, the CLI, the control room. */
    private static DescribedPredicate<JavaClass> entryPoints() {
        return DescribedPredicate.describe("entry points (a public static main)", javaClass -> javaClass.getMethods().stream()
                .anyMatch(method -> method.getName().equals("main")
                        && method.getModifiers().containsAll(Set.of(JavaModifier.PUBLIC, JavaModifier.STATIC))
                        && method.getRawParameterTypes().size() == 1
                        && method.getRawParameterTypes().get(0).getName().equals(String[].class.getName())));
    }

    /** Spring Boot finds them by name in support's META-INF/spring/*.imports. */
    private static DescribedPredicate<JavaClass> autoConfigurations() {
        Set<String> listed = namesInImportsFiles(Module.SUPPORT.classesFolder().resolve("META-INF/spring"));
        return DescribedPredicate.describe("auto-configurations", javaClass -> listed.contains(javaClass.getName()));
    }

    private static DescribedPredicate<JavaClass> namedInTheList() {
        return DescribedPredicate.describe("public on purpose", javaClass -> PUBLIC_ON_PURPOSE.containsKey(javaClass.getName()));
    }

    private static Set<String> namesInImportsFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            Set<String> names = files.filter(file -> file.toString().endsWith(".imports"))
                    .flatMap(PackagePrivateTests::lines)
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .collect(Collectors.toSet());
            assertThat(names).as("class names in %s", folder).isNotEmpty();
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
