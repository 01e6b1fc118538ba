package com.example.playground.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataSharingTests {

    @TempDir
    Path dir;

    @Test
    void aJarRebuiltWithTheSameContentKeepsItsArchiveAndAChangedOneDoesNot() throws IOException {
        Path first = jar("first.jar", "class A v1");
        Path rebuilt = jar("rebuilt.jar", "class A v1");
        Files.setLastModifiedTime(rebuilt, FileTime.fromMillis(Files.getLastModifiedTime(first).toMillis() + 60_000));
        Path changed = jar("changed.jar", "class A v2");

        assertThat(ClassDataSharing.stamp(rebuilt)).isEqualTo(ClassDataSharing.stamp(first));
        assertThat(ClassDataSharing.stamp(changed)).isNotEqualTo(ClassDataSharing.stamp(first));
        assertThat(ClassDataSharing.stamp(dir.resolve("absent.jar"))).isEqualTo("missing");
    }

    private Path jar(String name, String classContent) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("BOOT-INF/classes/A.class"));
            zip.write(classContent.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return jar;
    }
}
