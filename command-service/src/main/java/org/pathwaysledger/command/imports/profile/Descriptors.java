package org.pathwaysledger.command.imports.profile;

/**
 * Ed-Fi descriptors arrive as URIs with a namespace that differs by state and vendor
 * ({@code uri://ed-fi.org/SexDescriptor#Female}, {@code uri://state.edu/SexDescriptor#Female}); profiles match the code
 * value after the {@code #}, so one table serves every namespace.
 */
final class Descriptors {

    private Descriptors() {
    }

    static String codeValue(String descriptor) {
        int hash = descriptor.lastIndexOf('#');
        return hash < 0 ? descriptor : descriptor.substring(hash + 1).trim();
    }
}
