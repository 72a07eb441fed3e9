package org.ream.central.pins;

import java.security.SecureRandom;
import java.util.Random;
import java.util.function.Predicate;

/** Random PINs that are neither trivial nor already used by someone. */
public final class PinGenerator {

    /** Beyond this many draws the PIN space is nearly full: ask for longer PINs instead of looping. */
    static final int MAX_ATTEMPTS = 1000;

    private final Random random;

    public PinGenerator() {
        this(new SecureRandom());
    }

    public PinGenerator(Random random) {
        this.random = random;
    }

    /**
     * A PIN of {@code length} digits for which {@code taken} answers false.
     *
     * @throws IllegalStateException when no free PIN was found (the length is too short for the users)
     */
    public String generate(int length, Predicate<String> taken) {
        if (length < PinPolicy.MIN_LENGTH || length > PinPolicy.MAX_LENGTH) {
            throw new IllegalArgumentException("PIN length must be between " + PinPolicy.MIN_LENGTH + " and " + PinPolicy.MAX_LENGTH);
        }
        char[] digits = new char[length];
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            for (int i = 0; i < length; i++) {
                digits[i] = (char) ('0' + random.nextInt(10));
            }
            String pin = new String(digits);
            if (!PinPolicy.isTrivial(pin) && !taken.test(pin)) {
                return pin;
            }
        }
        throw new IllegalStateException("No free " + length + "-digit PIN found after " + MAX_ATTEMPTS
                + " attempts: raise the minimal PIN length");
    }
}
