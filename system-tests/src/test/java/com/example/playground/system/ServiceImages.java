package com.example.playground.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The container images the Maven build makes (the root pom's jib-maven-plugin), read from the poms:
 * one per module whose pom says {@code <jib.skip>false</jib.skip>}, named
 * {@code pattern-playground/<module>:<the root pom's version>}.
 */
final class ServiceImages {

    static final Path HOME = Path.of(System.getProperty("playground.home", "..")).toAbsolutePath().normalize();
    private static final String IMAGED = "<jib.skip>false</jib.skip>";

    private ServiceImages() {
    }

    /** The modules with an image, in the root pom's order. */
    static List<String> modules() throws IOException {
        List<String> imaged = new ArrayList<>();
        for (String module : childrenText(rootPom(), "modules", "module")) {
            if (Files.readString(HOME.resolve(module).resolve("pom.xml")).contains(IMAGED)) {
                imaged.add(module);
            }
        }
        return imaged;
    }

    /** The image's name and tag, as the build and docker-compose.yml spell it. */
    static String name(String module) {
        return "pattern-playground/" + module + ":" + version();
    }

    /** The root pom's own version (not its parent's). */
    static String version() {
        return childrenText(rootPom(), "version").get(0);
    }

    /** The tarball {@code ./mvnw -Pimages package} writes for the module. */
    static Path tarball(String module) {
        return HOME.resolve(module).resolve("target/jib-image.tar");
    }

    private static Element rootPom() {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(HOME.resolve("pom.xml").toFile()).getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the root pom.xml", e);
        }
    }

    /** The text of the elements at path below the element, following direct children only. */
    private static List<String> childrenText(Element element, String... path) {
        List<Element> level = List.of(element);
        for (String name : path) {
            List<Element> next = new ArrayList<>();
            for (Element parent : level) {
                for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
                    if (child instanceof Element e && e.getTagName().equals(name)) {
                        next.add(e);
                    }
                }
            }
            level = next;
        }
        return level.stream().map(e -> e.getTextContent().strip()).toList();
    }
}
