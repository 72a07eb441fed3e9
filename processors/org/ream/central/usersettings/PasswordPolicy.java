package org.ream.central.usersettings;

import java.util.ArrayList;
import java.util.List;

/**
 * Password complexity of the manual (8.8): a minimum length (1 to 100, 8 by default) and
 * N of the four rules (upper case, lower case, digit, special character; 2 by default).
 */
public record PasswordPolicy(int minLength, int rulesRequired) {

    public static final PasswordPolicy DEFAULT = new PasswordPolicy(8, 2);

    public PasswordPolicy {
        if (minLength < 1 || minLength > 100) {
            throw new IllegalArgumentException("minimal password length must be between 1 and 100");
        }
        if (rulesRequired < 0 || rulesRequired > 4) {
            throw new IllegalArgumentException("the number of complexity rules must be between 0 and 4");
        }
    }

    /** What the password lacks, in words for the user; empty when it is good enough. */
    public List<String> problems(String password) {
        List<String> out = new ArrayList<>();
        String p = password == null ? "" : password;
        if (p.codePointCount(0, p.length()) < minLength) {
            out.add("must have at least " + minLength + " characters");
        }
        int met = rulesMet(p);
        if (met < rulesRequired) {
            out.add("must meet at least " + rulesRequired + " of these rules: an upper-case letter, a lower-case letter, a digit,"
                    + " a special character (it meets " + met + ")");
        }
        return out;
    }

    /** Throws with one message for the field when the password is not good enough. */
    public void check(String password) {
        List<String> p = problems(password);
        if (!p.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", p));
        }
    }

    static int rulesMet(String p) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        boolean other = false;
        for (int i = 0; i < p.length(); ) {
            int cp = p.codePointAt(i);
            if (Character.isUpperCase(cp)) {
                upper = true;
            } else if (Character.isLowerCase(cp)) {
                lower = true;
            } else if (Character.isDigit(cp)) {
                digit = true;
            } else if (!Character.isLetter(cp)) {
                other = true;
            }
            i += Character.charCount(cp);
        }
        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }
}
