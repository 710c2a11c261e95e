package org.pathwaysledger.events.value;

/** ASCII digits, as {@code \d} matches them in a Java regular expression without the Unicode flag. */
final class Digits {

    private Digits() {
    }

    /** Whether every character of {@code text} from {@code from} (inclusive) to {@code to} (exclusive) is 0-9. */
    static boolean all(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
