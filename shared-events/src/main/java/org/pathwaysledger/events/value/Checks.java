package org.pathwaysledger.events.value;

import java.math.BigDecimal;

/** Small shared checks for commands, with the import format's field names in their messages. */
public final class Checks {

    /** More than a full year's load for one course is not plausible. */
    public static final BigDecimal MAX_CREDITS_PER_COURSE = BigDecimal.valueOf(30);

    private Checks() {
    }

    public static void required(String field, Object value) {
        if (value == null || (value instanceof String text && text.isBlank())) {
            throw new InvalidValueException(field, null, "is required");
        }
    }

    public static void reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidValueException("reason", null, "is required: say why the record was wrong (it is kept with the correction)");
        }
        if (reason.length() > 500) {
            throw new InvalidValueException("reason", reason.substring(0, 40) + "...", "must be at most 500 characters");
        }
    }
}
