package org.pathwaysledger.command.identity;

import org.pathwaysledger.events.value.PersonId;
import org.pathwaysledger.events.value.RegionId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The one identity-matching rule. A person is known by their state student id where a district sends one;
 * otherwise by a one-way hash of normalised last name, first name and birth date (accents, case, spaces and
 * punctuation removed: "José  De-La Cruz" and "JOSE DELACRUZ" match). Names are never stored, only the hash.
 * Person ids are derived from the evidence within a region, so two districts' records of one person meet.
 */
public final class IdentityMatchKey {

    private IdentityMatchKey() {
    }

    /** The hash of name and birth date, or null when either name is missing. */
    public static String ofNameAndBirthDate(String firstName, String lastName, LocalDate birthDate) {
        if (firstName == null || lastName == null || firstName.isBlank() || lastName.isBlank() || birthDate == null) {
            return null;
        }
        return sha256(normalise(lastName) + "|" + normalise(firstName) + "|" + birthDate);
    }

    public static PersonId personForStateStudentId(RegionId region, String stateStudentId) {
        return PersonId.of("P-" + sha256(region.value() + "|ssid|" + stateStudentId.trim().toUpperCase(Locale.ROOT)).substring(0, 20));
    }

    public static PersonId personForNameAndBirthDate(RegionId region, String matchKey) {
        return PersonId.of("P-" + sha256(region.value() + "|name|" + matchKey).substring(0, 20));
    }

    static String normalise(String name) {
        String withoutAccents = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return withoutAccents.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
