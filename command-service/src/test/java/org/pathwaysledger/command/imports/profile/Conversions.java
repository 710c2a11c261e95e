package org.pathwaysledger.command.imports.profile;

import org.pathwaysledger.command.imports.ImportKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Test helpers: the shipped sample exports, source files written by a test, and canonical files as text. */
final class Conversions {

    static final MappingProfiles BUILT_IN = new MappingProfiles();

    private Conversions() {
    }

    /** The sample exports under deploy/examples/imports/{profile} (tests run in the command-service folder). */
    static List<SourceFile> samples(String profile) {
        try (Stream<Path> files = Files.list(Path.of("../deploy/examples/imports", profile))) {
            return files.sorted().map(path -> new SourceFile(path.getFileName().toString(), path)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SourceFile file(Path directory, String name, String... lines) {
        try {
            Path path = directory.resolve(name);
            Files.writeString(path, Stream.of(lines).map(line -> line + "\r\n").collect(Collectors.joining()));
            return new SourceFile(name, path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A canonical file's expected content: the rows, each ended by CRLF. */
    static String rows(String... rows) {
        return Stream.of(rows).map(row -> row + "\r\n").collect(Collectors.joining());
    }

    static String content(ConversionResult result, ImportKind kind) {
        try {
            return Files.readString(result.canonicalFiles().get(kind));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> messages(ConversionResult result) {
        return result.errors().stream().map(ConversionError::message).toList();
    }
}
