package org.pathwaysledger.command.imports.profile;

/**
 * A profile file that cannot be used, with where and why: {@code calpads.json: files[SINF].produces[0].columns.sex:
 * lookup 'gender' is not defined under lookups}. Raised when profiles are loaded, so a mistake stops the service at
 * start rather than a district's submission.
 */
public class InvalidProfileException extends RuntimeException {

    public InvalidProfileException(String message) {
        super(message);
    }

    public InvalidProfileException(String message, Throwable cause) {
        super(message, cause);
    }
}
