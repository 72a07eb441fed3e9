package org.ream.central.pins;

/**
 * The PIN rules of the manual (8.8): a minimal length of 4 to 16 digits, raised for generated
 * PINs by the number of users (a longer PIN keeps random guessing hopeless), and no trivial
 * PINs (1111, 1234, 4321, 1212...) from the generator.
 */
public final class PinPolicy {

    public static final int MIN_LENGTH = 4;
    public static final int MAX_LENGTH = 16;

    private PinPolicy() {
    }

    /** Digits a generated PIN needs for this many users: under 1,000 four, up to 10,000 five, up to 100,000 six, then seven. */
    public static int lengthForUsers(long users) {
        if (users < 1_000) {
            return 4;
        }
        if (users <= 10_000) {
            return 5;
        }
        if (users <= 100_000) {
            return 6;
        }
        return 7;
    }

    /** Length of generated PINs: the configured minimum, never shorter than what the user count needs. */
    public static int generatedLength(int configuredMinimum, long users) {
        return Math.min(MAX_LENGTH, Math.max(configuredMinimum, lengthForUsers(users)));
    }

    /** Checks a PIN given by an administrator or a user; throws with a message for the field. */
    public static void checkGiven(String pin, int configuredMinimum) {
        if (pin == null || pin.isEmpty()) {
            throw new IllegalArgumentException("is required");
        }
        for (int i = 0; i < pin.length(); i++) {
            char ch = pin.charAt(i);
            if (ch < '0' || ch > '9') {
                throw new IllegalArgumentException("must contain digits only");
            }
        }
        if (pin.length() < configuredMinimum) {
            throw new IllegalArgumentException("must have at least " + configuredMinimum + " digits");
        }
        if (pin.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("must have at most " + MAX_LENGTH + " digits");
        }
    }

    /**
     * Whether a PIN is one a person would guess first: one repeated block (1111, 1212, 123123),
     * or digits that rise or fall by the same step (1234, 4321, 2468, 9630).
     */
    public static boolean isTrivial(String pin) {
        int n = pin.length();
        for (int block = 1; block <= n / 2; block++) {
            if (n % block == 0 && repeats(pin, block)) {
                return true;
            }
        }
        if (n >= 2) {
            int step = pin.charAt(1) - pin.charAt(0);
            boolean constant = true;
            for (int i = 2; i < n && constant; i++) {
                constant = pin.charAt(i) - pin.charAt(i - 1) == step;
            }
            if (constant) {
                return true;
            }
        }
        return false;
    }

    private static boolean repeats(String s, int block) {
        for (int i = block; i < s.length(); i++) {
            if (s.charAt(i) != s.charAt(i - block)) {
                return false;
            }
        }
        return true;
    }
}
