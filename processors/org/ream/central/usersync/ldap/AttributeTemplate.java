package org.ream.central.usersync.ldap;

import com.unboundid.ldap.sdk.Attribute;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The value of a mapped property or group attribute: either a plain attribute name
 * ({@code sAMAccountName}) or a text with {@code %attribute%} placeholders
 * ({@code %givenName% %sn%}). Attribute names are compared without case.
 */
public final class AttributeTemplate {

    /** Beyond this many combinations of multi-valued placeholders the rest are dropped: such a template is a setting mistake. */
    static final int MAX_VALUES = 100;

    private final String text;
    /** Literal texts and attribute names alternate: literal, name, literal, name, ..., literal. */
    private final List<String> parts;

    private AttributeTemplate(String text, List<String> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    /**
     * @param field the setting's name, used in the error
     * @throws InvalidLdapSyncSettings when a placeholder is unclosed or empty, or a name is not an attribute name
     */
    public static AttributeTemplate parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidLdapSyncSettings(field, "no attribute given");
        }
        String t = text.trim();
        List<String> parts = new ArrayList<>();
        if (t.indexOf('%') < 0) {
            checkName(field, t, "'" + t + "' is not an attribute name (use %attribute% to combine attributes with text)");
            parts.add("");
            parts.add(t);
            parts.add("");
            return new AttributeTemplate(t, parts);
        }
        int i = 0;
        while (true) {
            int open = t.indexOf('%', i);
            if (open < 0) {
                parts.add(t.substring(i));
                break;
            }
            int close = t.indexOf('%', open + 1);
            if (close < 0) {
                throw new InvalidLdapSyncSettings(field, "'" + t + "': the % at position " + (open + 1) + " is not closed");
            }
            String name = t.substring(open + 1, close).trim();
            if (name.isEmpty()) {
                throw new InvalidLdapSyncSettings(field, "'" + t + "': empty %% placeholder at position " + (open + 1));
            }
            checkName(field, name, "'" + t + "': %" + name + "% is not an attribute name");
            parts.add(t.substring(i, open));
            parts.add(name);
            i = close + 1;
        }
        return new AttributeTemplate(t, parts);
    }

    private static void checkName(String field, String name, String message) {
        if (!Attribute.nameIsValid(name, true)) {
            throw new InvalidLdapSyncSettings(field, message);
        }
    }

    /** The attribute names the template reads, for the search request. */
    public List<String> attributes() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i < parts.size(); i += 2) {
            names.add(parts.get(i));
        }
        return names;
    }

    /** A single attribute name without text around it. */
    public boolean isPlainAttribute() {
        return parts.size() == 3 && parts.get(0).isEmpty() && parts.get(2).isEmpty();
    }

    /**
     * The values for an entry: a plain attribute gives all its values; a template gives one value
     * per combination of the values of its (multi-valued) attributes, a missing attribute counting
     * as empty. Values are trimmed; blank values and repeats are dropped.
     */
    public List<String> values(LdapEntry entry) {
        return evaluate(entry, false);
    }

    /** As {@link #values}, but a value is only produced when every attribute of the template has one. */
    public List<String> valuesOfCompleteEntries(LdapEntry entry) {
        return evaluate(entry, true);
    }

    private List<String> evaluate(LdapEntry entry, boolean requireAll) {
        List<String> partial = List.of(parts.get(0));
        for (int i = 1; i < parts.size(); i += 2) {
            List<String> vals = entry.values(parts.get(i));
            if (vals.isEmpty()) {
                if (requireAll) {
                    return List.of();
                }
                vals = List.of("");
            }
            List<String> next = new ArrayList<>();
            String literal = parts.get(i + 1);
            for (String p : partial) {
                for (String v : vals) {
                    if (next.size() < MAX_VALUES) {
                        next.add(p + v + literal);
                    }
                }
            }
            partial = next;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String v : partial) {
            if (!v.isBlank()) {
                out.add(v.trim());
            }
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttributeTemplate other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
