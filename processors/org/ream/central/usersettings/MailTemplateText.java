package org.ream.central.usersettings;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The administrator-editable mail texts of the manual (8.8) with their %name% parameters
 * (%pin%, %validity%, %username%, %realname%, %admin%, %code%). Unknown names stay as written,
 * so a typo shows in the mail instead of silently vanishing.
 */
public final class MailTemplateText {

    private static final Pattern PARAMETER = Pattern.compile("%([a-z]+)%");

    private MailTemplateText() {
    }

    public static String fill(String text, Map<String, String> values) {
        if (text == null) {
            return "";
        }
        Matcher m = PARAMETER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(out);
        return out.toString();
    }
}
