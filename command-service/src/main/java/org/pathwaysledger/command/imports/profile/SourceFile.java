package org.pathwaysledger.command.imports.profile;

import java.nio.file.Path;

/**
 * A district export to convert: the name the district gave it (which tells the profile what it is, e.g.
 * {@code SINF_2025.txt}) and where it is stored.
 */
public record SourceFile(String fileName, Path path) {
}
