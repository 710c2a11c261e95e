package org.pathwaysledger.command.imports.profile;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;

/** The service's profiles: the built-in ones, and a region's own from {@code pathways.imports.profiles-directory} if set. */
@Configuration
class MappingProfilesConfiguration {

    @Bean
    MappingProfiles mappingProfiles(@Value("${pathways.imports.profiles-directory:}") String profilesDirectory) {
        return new MappingProfiles(profilesDirectory.isBlank() ? null : Path.of(profilesDirectory));
    }
}
